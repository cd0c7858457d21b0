// After the record comes back: the cascade section simulates the 14.5 hours after the race
// off the render and draws its charts; the policy changes the figures; a link reopens the
// policies, the responses and the charts' cursor; stepping the race moves that cursor and
// the charts move the player; a bad policy is named and the rest works.
// Run: trunk build --release && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const CHARTS = '#cascade-chart-nlb path.cascade-line';
const cursor = async (page) => Number(await page.locator('.cascade-charts').getAttribute('data-cursor-ms'));
const peak = async (page, column = 1) => {
  const row = page.locator('.cascade-figures tr', { hasText: 'Peak load over capacity' });
  return Number((await row.locator('td').nth(column - 1).textContent()).replace('×', ''));
};
const settled = (page) => page.waitForFunction(() => document.querySelector('#cascade')?.getAttribute('aria-busy') === 'false');
/** Scrolls the section into view (it runs only when near the viewport) and waits for its charts. */
async function chartsShown(page) {
  await page.locator('#cascade').scrollIntoViewIfNeeded();
  await page.locator(CHARTS).first().waitFor({ state: 'attached', timeout: 60_000 });
}

describe('after the record comes back', () => {
  const env = useServerAndBrowser();

  test('the section fills in after it is scrolled to and not before, in a worker, and times it', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    // Far below the fold: nothing runs while the learner reads the race.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('#cascade').getAttribute('data-cascade-runs'), '0', 'no run before it is scrolled to');
    assert.equal(await page.locator(CHARTS).count(), 0);
    assert.match(await page.locator('#cascade .cascade-pending').textContent(), /when you scroll here/);
    assert.equal(log.requests.some((url) => url.includes('dns-race-worker')), false, 'no worker started');
    await chartsShown(page);
    await settled(page);
    assert.equal(await page.locator('#cascade').getAttribute('data-cascade-where'), 'worker', 'the run happened in a worker');
    assert.equal(await page.locator('#cascade .worker-fallback').count(), 0);
    assert.equal(await page.locator('.cascade-chart').count(), 6);
    assert.equal(await page.locator('.cascade-band').count() >= 5, true, 'a band per phase');
    assert.match(await page.locator('.cascade-phases').textContent(), /AWS 02:25–05:28/);
    assert.match(await page.locator('.cascade-figures').innerText(), /Time to full recovery/);
    assert.match(await page.locator('.cascade-accounts').innerText(), /popular account[\s\S]*AWS's order of events/i);
    assert.match(await page.locator('.cascade-assumptions summary').textContent(), /^assumed: [\d,]+ clients behind \d+ resolvers/);
    const ms = Number(await page.locator('#cascade').getAttribute('data-cascade-ms'));
    assert.ok(ms > 0, 'the run is measured');
    const measures = await page.evaluate(() => performance.getEntriesByName('dns-race:cascade').map((m) => m.duration));
    assert.ok(measures.length >= 1);
    console.log(`# cascade run in the browser: ${ms} ms`);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a setting changed again before its run ends stops that run: only the last one finishes', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await chartsShown(page);
    await settled(page);
    const runs = async () => Number(await page.locator('#cascade').getAttribute('data-cascade-runs'));
    const before = await runs();
    // Four policies, 5 ms apart: each supersedes the one before while it runs (a run takes
    // far longer, its worker's start alone).
    await page.evaluate(async () => {
      const select = document.querySelector('#cascade-policy');
      for (const policy of ['immediate', 'full-jitter', 'retry-budget', 'circuit-breaker']) {
        select.value = policy;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((ok) => setTimeout(ok, 5));
      }
    });
    await page.waitForFunction(() => location.hash.includes('policy=circuit-breaker'));
    await settled(page);
    assert.equal(await page.locator('#cascade-policy').inputValue(), 'circuit-breaker');
    assert.equal((await runs()) - before, 1, 'only the last run finished: the three before it were stopped');
    assert.equal(await page.locator('#cascade .worker-fallback').count(), 0, 'a stopped worker is not a failed one');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('immediate retries show a higher peak than none, and the link keeps the policy', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&policy=none`, { readySelector: READY });
    await page.locator(CHARTS).first().waitFor({ state: 'attached', timeout: 60_000 });
    await settled(page);
    const none = await peak(page);
    await page.selectOption('#cascade-policy', 'immediate');
    await page.waitForFunction(() => location.hash.includes('policy=immediate'));
    await settled(page);
    await page.waitForFunction((before) => {
      const row = [...document.querySelectorAll('.cascade-figures tr')].find((r) => r.textContent.includes('Peak load'));
      return row && row.querySelector('td')?.textContent !== before;
    }, `${none.toFixed(1)}×`);
    const immediate = await peak(page);
    assert.ok(immediate > none, `immediate ${immediate} > none ${none}`);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a link with policy, vs, respond and at reopens them', async () => {
    const link = '#v=1&policy=immediate&vs=none&respond=throttle-dwfm,velocity-control&at=0530';
    const { page, log } = await openPage(env.browser.context, `${env.server.url}${link}`, { readySelector: READY });
    await page.locator(CHARTS).first().waitFor({ state: 'attached', timeout: 60_000 });
    await settled(page);
    assert.equal(await page.locator('#cascade-policy').inputValue(), 'immediate');
    assert.equal(await page.locator('#cascade-vs').inputValue(), 'none');
    assert.ok(await page.locator('#respond-throttle-dwfm').isChecked());
    assert.ok(await page.locator('#respond-velocity-control').isChecked());
    assert.ok(!(await page.locator('#respond-restart-dwfm').isChecked()));
    assert.ok(!(await page.locator('#respond-disable-failover').isChecked()));
    assert.ok((await page.locator('.cascade-line--second').count()) > 0, 'the second policy is drawn dashed');
    assert.equal(await page.locator('.cascade-figures thead th').count(), 3, 'a column per run');
    assert.match(await page.locator('.cascade-readout-time').textContent(), /^05:30 PDT \(20 Oct\)/);
    // 05:30 is past the race's last event: the player rests there.
    assert.match(await progress(page), /Event (\d+) of \1$/);
    assert.equal(await page.locator('.link-notice').count(), 0);
    assert.match(await page.evaluate(() => location.hash), /at=0530/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('stepping the race moves the charts’ cursor, and the charts move the player', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await chartsShown(page);
    assert.equal(await cursor(page), 0);
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.narration-progress')?.textContent.includes('Event 30 '));
    const stepped = await cursor(page);
    assert.ok(stepped > 0, 'the cursor follows the step');
    await page.keyboard.press('End');
    await page.waitForFunction((before) => Number(document.querySelector('.cascade-charts').dataset.cursorMs) > before, stepped);
    const last = await cursor(page);
    // A click on the charts two thirds of the way: past the race, the player rests on its last event.
    await page.locator('#cascade-chart-load').scrollIntoViewIfNeeded();
    const box = await page.locator('#cascade-chart-load svg').boundingBox();
    await page.mouse.click(box.x + box.width * 0.66, box.y + box.height / 2);
    await page.waitForFunction((before) => Number(document.querySelector('.cascade-charts').dataset.cursorMs) > before, last);
    const clicked = await cursor(page);
    assert.match(await progress(page), /Event (\d+) of \1$/);
    await page.waitForFunction(() => /[&#]at=\d{4}/.test(location.hash));
    // A click near the start seeks the player back into the race.
    await page.mouse.click(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.waitForFunction(() => !/Event (\d+) of \1$/.test(document.querySelector('.narration-progress').textContent));
    // With the charts focused, the arrows move their cursor a minute, not the replay.
    await page.mouse.click(box.x + box.width * 0.66, box.y + box.height / 2);
    await page.waitForFunction((t) => Number(document.querySelector('.cascade-charts').dataset.cursorMs) === t, clicked);
    const before = await progress(page);
    await page.locator('.cascade-charts').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => Number(document.querySelector('.cascade-charts').dataset.cursorMs) === t + 60_000, clicked);
    assert.equal(await progress(page), before);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a chapter about the cascade opens it with the cursor at its moment', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&chapter=collapse`, { readySelector: READY });
    await page.locator(CHARTS).first().waitFor({ state: 'attached', timeout: 60_000 });
    assert.match(await page.locator('.tour-kicker').textContent(), /Chapter 10 of 12/);
    assert.match(await page.locator('.cascade-readout-time').textContent(), /^04:14 PDT \(20 Oct\)/);
    await page.locator('.tour-chapters').getByRole('button', { name: /The health checks that lied/ }).click();
    await page.waitForFunction(() => /^06:00 PDT/.test(document.querySelector('.cascade-readout-time')?.textContent ?? ''));
    await page.waitForFunction(() => location.hash.includes('chapter=health'));
    // At its moment the chapter offers no way back; after a click on the charts it does, and
    // going back moves the charts' cursor, not only the player.
    const back = page.getByRole('button', { name: "Back to this chapter's moment" });
    assert.equal(await back.count(), 0);
    await page.locator('#cascade-chart-load').scrollIntoViewIfNeeded();
    const box = await page.locator('#cascade-chart-load svg').boundingBox();
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
    await page.waitForFunction(() => !/^06:00 PDT/.test(document.querySelector('.cascade-readout-time')?.textContent ?? ''));
    await back.click();
    await page.waitForFunction(() => /^06:00 PDT/.test(document.querySelector('.cascade-readout-time')?.textContent ?? ''));
    assert.equal(await back.count(), 0);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('on a phone the phases are listed as text instead of the strip’s small labels', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1`, { readySelector: READY });
    await chartsShown(page);
    const list = page.locator('.cascade-phase-list li');
    assert.equal(await list.count(), 5);
    const listBox = await page.locator('.cascade-phase-list').boundingBox();
    assert.ok(listBox.width <= 1, 'wide: the strip is labelled, the list is only for screen readers');
    assert.equal(await page.locator('.cascade-band-label').first().isVisible(), true);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForFunction(() => document.querySelector('.cascade-phase-list').getBoundingClientRect().width > 200);
    assert.match(await list.nth(2).textContent(), /DWFM .* simulated 02:25–05:28 · AWS 02:25–05:28/);
    assert.equal(await page.locator('.cascade-band-label').first().isVisible(), false);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a bad policy is named in the notice and the page keeps working', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&policy=yolo&vs=immediate&respond=magic`, {
      readySelector: READY,
    });
    const notice = await page.locator('.link-notice').innerText();
    assert.match(notice, /policy=yolo: no such retry policy/);
    assert.match(notice, /respond=magic: no such response/);
    await page.locator(CHARTS).first().waitFor({ state: 'attached', timeout: 60_000 });
    assert.equal(await page.locator('#cascade-policy').inputValue(), 'backoff');
    assert.equal(await page.locator('#cascade-vs').inputValue(), 'immediate');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.narration-progress')?.textContent.includes('Event 1 '));
    await page.selectOption('#cascade-policy', 'full-jitter');
    await page.waitForFunction(() => location.hash.includes('policy=full-jitter'));
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test("DWFM's own retry changes EC2's recovery, serve-stale says why it did nothing, and What AWS changed is shown", async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&respond=serve-stale`, { readySelector: READY });
    await chartsShown(page);
    await settled(page);
    const leases = async () => (await page.locator('.cascade-figures tr', { hasText: 'All host leases back' }).locator('td').first().textContent()).trim();
    // Without the operators (respond=serve-stale only), re-queueing never recovers.
    assert.equal(await leases(), 'not by 14:30');
    assert.match(await page.locator('.cascade-serve-stale').innerText(), /answered 0 resolver refreshes[\s\S]*cannot reach the authoritative servers/);
    assert.match(await page.locator('.cascade-reach').innerText(), /cannot change[\s\S]*DWFM's own/);
    await page.locator('#cascade-dwfm').selectOption('deadline');
    await page.waitForFunction(() => location.hash.includes('dwfm=deadline'));
    await settled(page);
    assert.match(await leases(), /^03:\d\d PDT$/, 'dropping timed-out attempts recovers without the operators');
    // The published fixes apart from the switches, for every learner.
    const changes = page.locator('#aws-changes');
    await changes.scrollIntoViewIfNeeded();
    assert.equal(await changes.locator('.aws-fix').count(), 4);
    assert.match(await changes.locator('.aws-changes-warning').innerText(), /not AWS's fix/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
