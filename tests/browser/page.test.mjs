// The built page (dist/) in headless Chromium: it replays the incident, shows the verdict and
// the narrated events, stays quiet in the console and never leaves 127.0.0.1.
// Run: trunk build --release && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser, openPage, REPO_ROOT, startServer } from './harness.mjs';

const READY = 'ol.event-list li.event, .verdict--error';
const ROWS = 'ol.event-list li.event';

describe('incident page', () => {
  let server;
  let browser;
  let page;
  let log;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, log } = await openPage(browser.context, server.url, { readySelector: READY }));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Waits until the list shows `n` event rows (Yew re-renders asynchronously). */
  const rowCountBecomes = (n) =>
    page.waitForFunction(([sel, want]) => document.querySelectorAll(sel).length === want, [ROWS, n], {
      timeout: 10_000,
    });

  test('lists the narrated events of the incident', async () => {
    const list = page.locator('ol.event-list');
    await assert.doesNotReject(list.waitFor({ state: 'visible' }), 'an ordered list of events is shown');
    const rows = list.locator('li.event');
    const count = await rows.count();
    assert.ok(count >= 20, `at least 20 events are shown by default (got ${count})`);
    const text = await list.innerText();
    assert.match(text, /Enactor A/, 'the events mention Enactor A');
    assert.match(text, /zero addresses/, 'the events mention the empty answer (zero addresses)');
  });

  test('shows the verdict: emptied, and stuck until repaired', async () => {
    const verdict = await page.locator('.verdict').innerText();
    assert.match(verdict, /emptied/i);
    assert.match(verdict, /stuck until repaired/i);
  });

  test('marks the first violation and labels violations for assistive technology', async () => {
    const first = page.locator('li.event--first');
    assert.equal(await first.count(), 1, 'exactly one row is the first violation');
    assert.match(await first.innerText(), /first violation/i);
    const labelled = page.locator('li.event--violation [aria-label^="Invariants violated"]');
    assert.ok((await labelled.count()) >= 1, 'violation rows carry an aria-label');
  });

  test('"show routine events" reveals every event, and hides them again', async () => {
    const rows = page.locator(ROWS);
    const keyRows = await rows.count();
    const toggle = page.getByLabel('Show routine events');
    await toggle.check();
    const total = Number((await page.locator('.events-count').innerText()).match(/of (\d+) events/)[1]);
    assert.ok(total > keyRows, `routine events were hidden (${keyRows} of ${total} shown)`);
    await rowCountBecomes(total);
    await toggle.uncheck();
    await rowCountBecomes(keyRows);
  });

  test('is readable at 360 px: nothing overflows sideways', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 360 px screen`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('replays exactly the trace the native command line prints (same digest)', async () => {
    const json = execFileSync('cargo', ['run', '--quiet', '--locked', '--', 'trace', 'incident', '--json'], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const native = JSON.parse(json.toString());
    const inBrowser = (await page.locator('.trace-digest').innerText()).trim();
    assert.match(inBrowser, /^[0-9a-f]{16}$/);
    assert.equal(inBrowser, native.digest, 'wasm32 and native traces are identical');
    const shown = await page.locator('.events-count').innerText();
    assert.match(shown, new RegExp(`of ${native.events.length} events`));
  });

  test('labels every value the sources do not give as assumed', async () => {
    const panel = page.locator('.assumptions');
    await panel.locator('summary').click();
    const rows = panel.locator('tbody tr');
    assert.ok((await rows.count()) >= 20, 'every knob of the incident is listed');
    const repair = await panel.locator('tr', { hasText: 'repair_ms' }).innerText();
    assert.match(repair, /1 h 47 min/);
    assert.match(repair, /published/);
    const margin = await panel.locator('tr', { hasText: 'cleanup_margin_generations' }).innerText();
    assert.match(margin, /assumed/);
    const assumedCount = await panel.locator('.source--assumed').count();
    assert.match(await panel.locator('summary').innerText(), new RegExp(`${assumedCount} of \\d+ values are assumed`));
  });

  test('logs no console errors or page errors', () => {
    assert.deepEqual(log.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(log.consoleErrors, [], 'no console errors');
  });

  test('requests nothing but 127.0.0.1, and every request succeeds', () => {
    assert.ok(log.requests.length >= 3, 'the page, its script and its wasm were requested');
    const elsewhere = log.requests.filter((url) => new URL(url).hostname !== '127.0.0.1');
    assert.deepEqual(elsewhere, [], 'no request leaves 127.0.0.1');
    assert.deepEqual(log.failedRequests, [], 'no request failed');
    assert.deepEqual(log.badResponses, [], 'no error responses');
  });
});
