// Hostile and in-page addresses (issue 17): the page's own "Sources" link is an anchor, not
// a link (it scrolls to the sources and focuses them, and keeps what the learner set; in an
// embed it stays an embed and writes no history); the reproducers of the issue are refused
// with a message while the page stays live and keeps the learner's state.
// Run: trunk build --release && node --test tests/browser/hostile.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const LEARNER = '#v=1&m=conditional-write&step=120';

/** What the learner set, as the page shows it: the address, the cursor, the switches on. */
const learnerState = async (page) => ({
  hash: await page.evaluate(() => location.hash),
  progress: await progress(page),
  on: await page.$$eval('input.mitigation-switch', (s) => s.filter((x) => x.checked).map((x) => x.id).sort()),
});

/** Whether the page still answers the learner: one step forward moves the cursor. */
async function assertLive(page) {
  const before = await progress(page);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((was) => document.querySelector('.narration-progress')?.textContent !== was, before);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((was) => document.querySelector('.narration-progress')?.textContent === was, before);
}

/** Opens `contents` as the file `name` through the export panel's file input. */
async function openFile(page, name, contents) {
  await page.setInputFiles('#export-file', { name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

/** A saved run of the incident with `settings`, and a digest that is not its run's. */
const savedRun = (settings) =>
  JSON.stringify({ format: 'dns-race-run', version: 1, settings, digest: '0000000000000000' });

describe('in-page anchors and hostile input', () => {
  const env = useServerAndBrowser();

  test('the Sources link scrolls to the sources and keeps what the learner set', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}${LEARNER}`, { readySelector: READY });
    await page.locator('#sources').waitFor({ state: 'attached', timeout: 30_000 });
    const before = await learnerState(page);
    const entries = await page.evaluate(() => history.length);
    await page.locator('.narration-sources a[href="#sources"]').click();
    await page.waitForFunction(() => document.activeElement?.id === 'sources');
    assert.ok(await page.locator('#sources').isVisible());
    // The sources scroll into view (smoothly, where the styles ask for it).
    await page.waitForFunction(() => {
      const r = document.getElementById('sources').getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    });
    assert.deepEqual(await learnerState(page), before, 'the switches, the cursor and the address are kept');
    assert.equal(await page.evaluate(() => history.length), entries, 'no history entry');
    assert.equal(await page.locator('.link-notice').count(), 0, 'nothing to complain about');
    // Typed in the address bar (or Back to it), the anchor is an anchor too.
    await page.evaluate(() => {
      document.activeElement?.blur();
      scrollTo(0, 0);
      location.hash = '#sources';
    });
    await page.waitForFunction(() => document.activeElement?.id === 'sources');
    const after = await learnerState(page);
    assert.deepEqual({ ...after, hash: before.hash }, before, 'the switches and the cursor are kept');
    assert.equal(await page.locator('.link-notice').count(), 0);
    await assertLive(page);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('in an embed, the Sources link leaves neither embed mode nor a history entry', async () => {
    const url = `${env.server.url}#v=1&embed=1&step=20`;
    const { page, log } = await openPage(env.browser.context, url, { readySelector: '.embed' });
    const entries = await page.evaluate(() => history.length);
    const before = await learnerState(page);
    await page.locator('.narration-sources a[href="#sources"]').click();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.embed').count(), 1, 'still an embed');
    assert.equal(await page.evaluate(() => history.length), entries, "the host's history is not touched");
    assert.equal(await page.evaluate(() => location.hash), before.hash);
    assert.equal(await progress(page), before.progress);
    assert.equal(await page.locator('.link-notice').count(), 0);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a file of 300,000 picks is refused, the page live and the learner state kept', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}${LEARNER}`, { readySelector: READY });
    const before = await learnerState(page);
    const picks = 'A'.repeat(300_000);
    await openFile(page, 'picks.json', savedRun({ preset: 'incident', schedule: { fork: 0, picks } }));
    const alert = page.locator('.export-error[role=alert]');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), /settings\.schedule\.picks: more than 4000 picks/);
    assert.deepEqual(await learnerState(page), before);
    await assertLive(page);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  // Issue 17 items 1-2: both grew wasm memory past 4 GiB and killed the page; the run's
  // budget (sim::RunBudget) refuses them before anything runs.
  test('the 1 ms planner interval link is refused with a message', async () => {
    const url = `${env.server.url}#planner_interval_ms_min=1&planner_interval_ms_max=1`;
    const { page, log } = await openPage(env.browser.context, url, { readySelector: READY, timeout: 60_000 });
    assert.match(await page.locator('.link-notice').innerText(), /planner_interval_ms/);
    await assertLive(page);
    assert.deepEqual(log.pageErrors, []);
    await page.close();
  });

  test('the 177-byte file with those knobs is refused, the learner state kept', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}${LEARNER}`, { readySelector: READY });
    const before = await learnerState(page);
    const file = savedRun({ preset: 'incident', knobs: { planner_interval_ms_min: 1, planner_interval_ms_max: 1 } });
    assert.ok(file.length <= 177, `${file.length} bytes`);
    await openFile(page, 'interval.json', file);
    const alert = page.locator('.export-error[role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /planner_interval_ms|digest/);
    assert.deepEqual(await learnerState(page), before);
    await assertLive(page);
    assert.deepEqual(log.pageErrors, []);
    await page.close();
  });
});
