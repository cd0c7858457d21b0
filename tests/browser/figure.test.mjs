// The blog figure: the share dialog's snippet pasted into a blog on another origin, with the
// replay's files on a plain static server (no CORS header) under a sub-path, twice on one
// page; its height follows its content, smaller too; a one-moment figure fits about 600 px
// at 700 px wide; autoplay waits until the figure is in view and not under reduced motion;
// a frame that cannot load the app shows a readable way out instead of a blank box.
// Run: trunk build --release && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, progress, READY, startServer, startSiteWithDistUnder } from './harness.mjs';

/** The snippet the share dialog writes for `hash` (embed options set in the dialog). */
async function snippetFor(context, pageUrl, hash, { autoplay = false } = {}) {
  const { page } = await openPage(context, `${pageUrl}${hash}`, { readySelector: READY });
  await page.getByRole('button', { name: 'Share or embed' }).click();
  if (autoplay) await page.getByLabel('Play on its own').check();
  const snippet = await page.locator('#share-snippet').inputValue();
  await page.close();
  return snippet;
}

/** A blog post on the host with `snippets` pasted in, `gap` px of text above them. */
async function hostPage(context, hostUrl, snippets, { gap = 0 } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(hostUrl);
  await page.evaluate(
    ({ snippets, gap }) => {
      document.body.style.margin = '0';
      const article = document.createElement('article');
      article.style.width = '700px';
      article.innerHTML = `<p style="height:${gap}px">A blog post.</p>`;
      document.body.append(article);
      window.heights = [];
      addEventListener('message', (e) => e.data?.type === 'dns-race:height' && window.heights.push(e.data.height));
      for (const html of snippets) {
        // As a blog's markup: the iframe, then its script, which runs.
        const box = document.createElement('div');
        box.innerHTML = html;
        const script = document.createElement('script');
        script.textContent = box.querySelector('script').textContent;
        article.append(box.querySelector('iframe'), script);
      }
    },
    { snippets, gap },
  );
  return { page, errors };
}

describe('the blog figure', () => {
  const env = {};
  before(async () => {
    // The replay's files under /figures/dns-race/ of a plain static server: no CORS header.
    env.plain = await startSiteWithDistUnder('figures/dns-race', { cors: false });
    env.pageUrl = env.plain.url;
    env.hostDir = await mkdtemp(join(tmpdir(), 'dns-race-blog-'));
    await writeFile(join(env.hostDir, 'index.html'), '<!doctype html><title>blog</title><link rel="icon" href="data:,"><body></body>');
    env.host = await startServer({ root: env.hostDir });
    env.browser = await launchBrowser({ viewport: { width: 760, height: 800 } });
  });
  after(async () => {
    await env.browser?.close();
    await env.plain?.close();
    await env.host?.close();
    await rm(env.hostDir, { recursive: true, force: true });
  });

  test('two snippets from the share dialog, on another origin, from a plain server under a sub-path, each render at their own height', async () => {
    const one = await snippetFor(env.browser.context, env.pageUrl, '#v=1&step=258');
    const two = await snippetFor(env.browser.context, env.pageUrl, '#v=1&step=120');
    const { page, errors } = await hostPage(env.browser.context, env.host.url, [one, two]);
    const frames = page.frameLocator('iframe');
    await frames.first().locator('.embed').waitFor({ timeout: 30_000 });
    await frames.last().locator('.embed').waitFor({ timeout: 30_000 });
    assert.match(await progress(frames.first()), /Event 258 of/);
    assert.match(await progress(frames.last()), /Event 120 of/);
    // Each iframe sized to its own figure: the diagram first, then the controls.
    for (const [index, f] of [frames.first(), frames.last()].entries()) {
      const content = await f.locator('.embed').evaluate((e) => Math.ceil(e.getBoundingClientRect().bottom));
      await page.waitForFunction(({ index, content }) => Number(document.querySelectorAll('iframe')[index].height) === content, { index, content });
    }
    const order = await frames.first().locator('.arch, .narration, .controls').evaluateAll((els) => els.map((e) => e.className.split(' ')[0]));
    assert.deepEqual(order, ['arch', 'narration', 'controls']);
    const width = await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().width);
    assert.equal(Math.round(width), 700);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a one-moment figure at 700 px fits about 600 px, and its height follows a resize, smaller too', async () => {
    const hash = '#v=1&step=258&embed=1&from=250&to=262';
    const snippet = (await snippetFor(env.browser.context, env.pageUrl, '#v=1&step=258')).replace(/src="[^"]*"/, `src="${env.pageUrl}${hash}"`);
    const { page, errors } = await hostPage(env.browser.context, env.host.url, [snippet]);
    const frame = page.frameLocator('iframe');
    await frame.locator('.embed').waitFor({ timeout: 30_000 });
    const sized = async () => ({
      frame: await page.evaluate(() => Number(document.querySelector('iframe').height)),
      content: await frame.locator('.embed').evaluate((e) => Math.ceil(e.getBoundingClientRect().bottom)),
    });
    await page.waitForFunction(() => window.heights.length > 0);
    let at700 = await sized();
    await page.waitForFunction((h) => Number(document.querySelector('iframe').height) === h, at700.content);
    at700 = await sized();
    assert.ok(at700.frame <= 640, `${at700.frame} px tall at 700 px wide`);
    // Narrower: one column, taller. Then wider again: the height comes back down.
    await page.evaluate(() => { document.querySelector('article').style.width = '380px'; });
    await page.waitForFunction((h) => Number(document.querySelector('iframe').height) > h + 100, at700.frame);
    await page.waitForTimeout(300);
    const narrow = await sized();
    assert.equal(narrow.frame, narrow.content, 'the height matches the content');
    await page.evaluate(() => { document.querySelector('article').style.width = '700px'; });
    await page.waitForFunction((h) => Number(document.querySelector('iframe').height) === h, at700.frame);
    assert.ok((await page.evaluate(() => window.heights)).some((h, i, all) => i > 0 && h < all[i - 1]), 'a smaller height was posted');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('autoplay waits until the figure is in view, starts at from, and plays once', async () => {
    const hash = '#v=1&step=245&embed=1&autoplay=1&from=240&to=246&speed=4';
    const snippet = (await snippetFor(env.browser.context, env.pageUrl, '#v=1')).replace(/src="[^"]*"/, `src="${env.pageUrl}${hash}"`).replace('loading="lazy" ', '');
    const { page, errors } = await hostPage(env.browser.context, env.host.url, [snippet], { gap: 2400 });
    const frame = page.frameLocator('iframe');
    await frame.locator('.embed').waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(1500);
    assert.match(await progress(frame), /Event 240 of/, 'waiting at from, below the fold');
    assert.equal(await frame.locator('.btn--play').getAttribute('aria-pressed'), 'false');
    await page.evaluate(() => document.querySelector('iframe').scrollIntoView());
    await frame.locator('.btn--play[aria-pressed="true"]').waitFor();
    await frame.locator('.narration-progress', { hasText: 'Event 246 of' }).waitFor();
    await frame.locator('.btn--play[aria-pressed="false"]').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('under reduced motion, autoplay does not play', async () => {
    const browser = await launchBrowser({ viewport: { width: 760, height: 800 }, reducedMotion: 'reduce' });
    try {
      const url = `${env.pageUrl}#v=1&embed=1&autoplay=1&from=240&to=246&speed=4`;
      const { page, log } = await openPage(browser.context, url, { readySelector: '.embed' });
      await page.waitForTimeout(1500);
      assert.match(await progress(page), /Event 240 of/);
      assert.equal(await page.locator('.btn--play').getAttribute('aria-pressed'), 'false');
      assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    } finally {
      await browser.close();
    }
  });

  test('where the frame cannot load the app (an opaque-origin sandbox, no CORS header), it shows a way out, not a blank box', async () => {
    const snippet = (await snippetFor(env.browser.context, env.pageUrl, '#v=1&step=40')).replace(' allow-same-origin', '');
    const { page } = await hostPage(env.browser.context, env.host.url, [snippet]);
    const banner = page.frameLocator('iframe').locator('#start-failed');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.innerText(), /could not start here/);
    const link = banner.getByRole('link', { name: 'Open the replay on its own page' });
    assert.match(await link.getAttribute('href'), /figures\/dns-race\/#v=1&step=40&embed=0/);
    await page.close();
  });
});
