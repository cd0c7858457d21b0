import { after, before } from 'node:test';
// Shared helpers for the browser tests and the screenshot script: a tiny static file server
// for dist/ bound to 127.0.0.1 on an ephemeral port, and Debian's Chromium driven by
// playwright-core with a fresh profile. Nothing here reaches beyond this machine.

import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository's root folder. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Trunk's output folder. */
export const DIST_DIR = join(REPO_ROOT, 'dist');

/** What a page shows once it is ready: the player's controls, or the error verdict. */
export const READY = '.controls, .verdict--error';

/** The narration's "Event n of m" in `target` (a page or a frame). */
export const progress = (target) => target.locator('.narration-progress').textContent();

/** Debian's Chromium (never a browser downloaded by Playwright). */
export const CHROMIUM_PATH = process.env.DNS_RACE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Throws a clear error unless Trunk has built dist/. */
export function assertDistBuilt(root = DIST_DIR) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`trunk build --release\` first (scripts/test.sh does)`);
  }
}

/**
 * Serves the files under `root` on http://127.0.0.1:<ephemeral port>/ (with
 * `Access-Control-Allow-Origin: *` unless `cors` is false).
 * Returns { url, requests, close }: `requests` lists every path asked for, with its status.
 */
export async function startServer({ root = DIST_DIR, cors = true } = {}) {
  assertDistBuilt(root);
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    let status = 200;
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        status = 403;
      } else {
        if (path.endsWith('/')) file = join(file, 'index.html');
        const info = await stat(file).catch(() => null);
        if (!info || !info.isFile()) {
          status = 404;
        } else {
          const body = await readFile(file);
          res.writeHead(200, {
            'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
            'Content-Length': body.length,
            'Cache-Control': 'no-store',
            // As Trunk.toml's [serve] headers, unless `cors` is false: a plain static server,
            // as most blogs and hosts are, sends no CORS header.
            ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
          });
          res.end(req.method === 'HEAD' ? undefined : body);
        }
      }
    } catch {
      status = 400;
    }
    if (status !== 200) {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${status}\n`);
    }
    requests.push({ method: req.method, url: req.url, status });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/**
 * The built site (dist/) in the folder `folder` of another site, as a host that puts the
 * replay under a sub-path would serve it (a page of its own at its root), on a server of its
 * own (`cors` as in [startServer]). Returns { url (the replay's page), server, close }.
 */
export async function startSiteWithDistUnder(folder, { cors = true } = {}) {
  const site = await mkdtemp(join(tmpdir(), 'dns-race-site-'));
  const parent = join(site, ...folder.split('/').slice(0, -1));
  await mkdir(parent, { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><title>A site</title><p>The site.</p>');
  await symlink(DIST_DIR, join(site, ...folder.split('/')));
  const server = await startServer({ root: site, cors });
  return {
    url: `${server.url}${folder}/`,
    server,
    close: async () => {
      await server.close();
      await rm(site, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Chromium with a fresh, temporary profile. Returns { context, close }; `options` go
 * to playwright's launchPersistentContext (viewport, colorScheme, deviceScaleFactor, ...).
 */
export async function launchBrowser(options = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no browser at ${CHROMIUM_PATH}: run scripts/setup.sh (it installs Debian's chromium)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'dns-race-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Chromium once, for many fresh browser contexts (each with its own cache and storage,
 * as a first visit): returns { browser, newContext(options), close }. Playwright gives the
 * browser a fresh temporary profile; `options` go to browser.newContext (viewport, ...).
 */
export async function launchSharedBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no browser at ${CHROMIUM_PATH}: run scripts/setup.sh (it installs Debian's chromium)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    newContext: (options = {}) => browser.newContext({ viewport: { width: 1280, height: 900 }, ...options }),
    close: () => browser.close().catch(() => {}),
  };
}

/**
 * Waits until the app draws the page itself: the pre-rendered copy of its first paint
 * (scripts/first-paint.mjs), which does not answer clicks or keys, is gone.
 */
export async function waitLive(page, timeout = 30_000) {
  await page.waitForFunction(() => !document.querySelector('[data-first-paint]'), null, { timeout });
}

/**
 * Waits until the sections below the stage that follow the cursor (the record sets, the
 * sequence, the side by side: `section[data-position]`) show the position the narration
 * shows: the app draws them a frame after the stage (src/ui/app.rs).
 */
export async function waitBelowStage(page, timeout = 10_000) {
  await page.waitForFunction(
    () => {
      const m = (document.querySelector('.narration-progress')?.textContent ?? '').match(/Event (\d+) of/);
      const at = String(m ? Number(m[1]) : 0);
      return [...document.querySelectorAll('section[data-position]')].every((s) => s.dataset.position === at);
    },
    null,
    { timeout },
  );
}

/**
 * Opens `url` in a new page of `context`, recording what the page did: console errors, page
 * errors, every request it made, failed requests and error responses. Waits until
 * `readySelector` (the app's rendered content) is visible. `prepare(page)`, if given, runs
 * before the page loads (to route or refuse requests).
 */
export async function openPage(context, url, { readySelector = 'main', timeout = 30_000, prepare } = {}) {
  const page = await context.newPage();
  await prepare?.(page);
  const log = { consoleErrors: [], pageErrors: [], requests: [], failedRequests: [], badResponses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => log.pageErrors.push(String(error)));
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('requestfailed', (request) =>
    log.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) log.badResponses.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout });
  await page.waitForSelector(readySelector, { state: 'visible', timeout });
  await waitLive(page, timeout);
  return { page, log };
}

/**
 * In the explorer of `page`: runs 1,000 random runs per design and waits until all are done.
 * Returns the progress line ("13,000 runs in 13.5 s (960 runs/s)").
 */
export async function runThousandRandomRuns(page, { timeout = 600_000 } = {}) {
  await page.selectOption('#runs-count', '1000');
  await page.getByRole('button', { name: 'Run 1,000 per design' }).click();
  await page.waitForFunction(
    () => {
      const p = document.querySelector('.explorer-progress[data-total]');
      return p && p.dataset.done === p.dataset.total;
    },
    null,
    { timeout },
  );
  return page.locator('.explorer-progress[data-total] span').textContent();
}

/**
 * Starts the page's server and a browser before a `describe` block's tests and closes both
 * after them. Returns an object whose `server` and `browser` are set once `before` has run.
 */
export function useServerAndBrowser(browserOptions = {}) {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser(browserOptions);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
