// Embeds and sharing: the page inside the snippet's sandboxed <iframe> on another origin
// renders its compact layout and posts its height to the host; embed options (autoplay, a
// step range, no controls, a theme); the share dialog's link and snippet; and "you are the
// scheduler", whose picks become the link.
// Run: trunk build --release && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, progress, startServer, useServerAndBrowser } from './harness.mjs';

const READY = '.controls, .embed, .verdict--error';

describe('embeds and sharing', () => {
  const env = useServerAndBrowser();
  let hostDir;
  let host;

  before(async () => {
    // The host: a blog page on another origin (another port).
    hostDir = await mkdtemp(join(tmpdir(), 'dns-race-host-'));
    await writeFile(join(hostDir, 'index.html'), '<!doctype html><title>host</title><link rel="icon" href="data:,"><p>A blog post.</p>');
    host = await startServer({ root: hostDir });
  });

  after(async () => {
    await host?.close();
    if (hostDir) await rm(hostDir, { recursive: true, force: true });
  });

  test('the share dialog gives the link and a sandboxed embed snippet', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&m=safe-cleanup&step=40`, { readySelector: READY });
    await page.getByRole('button', { name: 'Share or embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this moment' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('#share-link').inputValue(), `${env.server.url}#v=1&m=safe-cleanup&step=40`);
    await dialog.getByLabel('Play on its own').check();
    await dialog.getByLabel('Show the controls').uncheck();
    await dialog.locator('select').selectOption('dark');
    await dialog.getByLabel('to', { exact: true }).fill('60');
    const snippet = await dialog.locator('#share-snippet').inputValue();
    assert.ok(
      snippet.includes(`src="${env.server.url}#v=1&amp;m=safe-cleanup&amp;step=40&amp;theme=dark&amp;embed=1&amp;autoplay=1&amp;controls=0&amp;from=40&amp;to=60"`),
      snippet,
    );
    assert.match(snippet, /sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);
    await dialog.getByLabel('to', { exact: true }).fill('10');
    assert.match(await dialog.locator('.share-note').innerText(), /The range ends before it starts/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await progress(page), /Event 40 of/, 'the learner is where they were');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('inside a sandboxed iframe on another origin, the embed renders and posts its height', async () => {
    // The snippet the share dialog writes, pasted into the host page.
    const { page: source } = await openPage(env.browser.context, `${env.server.url}#v=1&step=250`, { readySelector: READY });
    await source.getByRole('button', { name: 'Share or embed' }).click();
    await source.getByLabel('Show the controls').uncheck();
    const snippet = await source.locator('#share-snippet').inputValue();
    await source.close();

    const { page, log } = await openPage(env.browser.context, host.url, { readySelector: 'p' });
    await page.evaluate(() => {
      window.heights = [];
      addEventListener('message', (e) => window.heights.push(e.data));
    });
    // Inserted as markup so that the host's script runs as it would in a blog post.
    await page.evaluate((html) => {
      const box = document.createElement('div');
      box.innerHTML = html;
      const script = document.createElement('script');
      script.textContent = box.querySelector('script').textContent;
      document.body.append(box.querySelector('iframe'), script);
    }, snippet);
    const frame = page.frameLocator('iframe');
    await frame.locator('.embed').waitFor({ timeout: 30_000 });
    assert.match(await progress(frame), /Event 250 of \d+/);
    assert.equal(await frame.locator('.controls').count(), 0, 'controls=0');
    assert.equal(await frame.locator('.topbar, .explorer, .mitigations').count(), 0, 'compact layout');
    assert.equal(await frame.locator('.arch, .narration').count(), 2, 'the diagram and the sentence');
    await page.waitForFunction(() => window.heights.some((m) => m?.type === 'dns-race:height'));
    const message = await page.evaluate(() => window.heights.find((m) => m?.type === 'dns-race:height'));
    assert.deepEqual(Object.keys(message).sort(), ['height', 'type']);
    assert.ok(message.height > 300 && message.height < 3000, `height ${message.height}`);
    // The snippet's script sized the frame to the last height posted.
    await page.waitForFunction(() => {
      const last = window.heights.filter((m) => m?.type === 'dns-race:height').at(-1);
      return Number(document.querySelector('iframe').height) === last.height;
    });
    // The frame has its own origin (the replay's server), not the host's; nothing beyond the
    // two servers is asked for.
    const origin = await page.frames()[1].evaluate(() => self.origin);
    assert.equal(origin, new URL(env.server.url).origin);
    const outside = log.requests.filter((url) => !url.startsWith(env.server.url) && !url.startsWith(host.url));
    assert.deepEqual(outside, []);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.failedRequests], []);
    await page.close();
  });

  test('an embed with autoplay plays its range and stops at its end', async () => {
    const url = `${env.server.url}#v=1&embed=1&autoplay=1&from=240&to=246&speed=5&theme=dark`;
    const { page, log } = await openPage(env.browser.context, url, { readySelector: READY });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.equal(await page.locator('.scrubber').count(), 0, 'a range has no scrubber');
    await page.locator('.narration-progress', { hasText: 'Event 246 of' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'false');
    await page.getByRole('button', { name: 'First event' }).click();
    assert.match(await progress(page), /Event 240 of/, 'the range starts at from');
    assert.equal(await page.evaluate(() => location.hash.includes('embed=1')), true, 'an embed never rewrites its address');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('you are the scheduler: a pick moves that actor and goes into the link', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=120`, { readySelector: READY });
    await page.getByRole('button', { name: 'You are the scheduler' }).click();
    await page.locator('.scheduler').waitFor();
    await page.waitForFunction(() => location.hash === '#v=1&step=120&drive=1');
    const choice = page.locator('.scheduler-choice').filter({ hasText: 'Planner' });
    const sentence = await choice.locator('.scheduler-sentence').innerText();
    await choice.getByRole('button').click();
    await page.waitForFunction(() => location.hash === '#v=1&fork=120&pick=P&step=121&drive=1');
    assert.match(await progress(page), /Event 121 of 121/);
    assert.equal((await page.locator('.narration-sentence').first().innerText()).trim(), sentence.trim());
    assert.match(await page.locator('.scenario-hand').innerText(), /120 events of the timed run, then 1 pick: P/);
    // Back returns to the timed run at the same step.
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#v=1&step=120&drive=1');
    assert.equal(await page.locator('.scenario-hand').count(), 0);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
