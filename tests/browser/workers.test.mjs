// The page's Web Workers: random runs in a pool give the table the page's own thread gives
// for the same seeds; while runs or a search go on the page answers keys at once and Cancel
// stops them; where workers are refused everything still works, on the page's thread, and
// the sections say so; an embed starts no worker.
// Run: trunk build --release && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, runThousandRandomRuns, useServerAndBrowser } from './harness.mjs';

const READY = '.controls';
const WORKER = '**/dns-race-worker-loader.js';
const table = (page) => page.locator('.runs-table tbody').innerText();
const done = (page) => page.locator('.explorer-progress[data-total]').getAttribute('data-done');

/** Opens the page with workers refused: their loader never arrives. */
async function openWithoutWorkers(env) {
  return openPage(env.browser.context, env.server.url, {
    readySelector: READY,
    prepare: (page) => page.route(WORKER, (route) => route.abort()),
  });
}

/** Presses → and returns how long the narration took to show the next event, in ms. */
async function stepLatency(page) {
  const before = await progress(page);
  const started = Date.now();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((was) => document.querySelector('.narration-progress')?.textContent !== was, before, {
    timeout: 5_000,
  });
  return Date.now() - started;
}

describe('workers', () => {
  const env = useServerAndBrowser();
  let pooled;

  test('random runs in a pool of workers fill the table, the page answering throughout', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await page.locator('.explorer').scrollIntoViewIfNeeded();
    const line = await runThousandRandomRuns(page);
    assert.match(line, /^13,000 runs in [\d.]+ s/);
    assert.equal(await page.locator('.explorer .worker-fallback').count(), 0, 'no fallback note');
    assert.ok(log.requests.some((url) => url.endsWith('/dns-race-worker_bg.wasm')), 'the worker module loaded');
    pooled = await table(page);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('where workers are refused, the runs and the cascade run on the page, say so, and give the same table', async () => {
    const { page, log } = await openWithoutWorkers(env);
    await page.locator('.explorer').scrollIntoViewIfNeeded();
    await runThousandRandomRuns(page);
    assert.match(await page.locator('#runs-title ~ .worker-fallback').innerText(), /^Running on this page's own thread/);
    assert.ok(pooled, 'the pooled table was made first');
    assert.equal(await table(page), pooled, 'the same table, run for run, as the pool of workers');
    await page.locator('#cascade').scrollIntoViewIfNeeded();
    await page.locator('#cascade-chart-nlb path.cascade-line').first().waitFor({ state: 'attached', timeout: 60_000 });
    assert.equal(await page.locator('#cascade').getAttribute('data-cascade-where'), 'page');
    assert.match(await page.locator('#cascade .worker-fallback').innerText(), /own thread/);
    assert.deepEqual(log.pageErrors, []);
    await page.close();
  });

  test('while random runs go on, a key moves the cursor at once, and Cancel stops the workers', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await page.locator('.explorer').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Run 10,000 per design' }).click();
    await page.waitForFunction(() => Number(document.querySelector('.explorer-progress[data-total]')?.dataset.done) > 0);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const latencies = [];
    for (let i = 0; i < 5; i++) latencies.push(await stepLatency(page));
    assert.ok(Math.max(...latencies) < 1_000, `each step shown within a second: ${latencies}`);
    console.log(`# step latency during random runs: ${latencies.join(', ')} ms`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => /Cancelled after/.test(document.querySelector('.explorer-progress[data-total]')?.textContent ?? ''));
    const stopped = await done(page);
    await page.waitForTimeout(500);
    assert.equal(await done(page), stopped, 'no run after Cancel');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('while the search goes on, a key moves the cursor at once, and Cancel keeps what it found', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await page.locator('.explorer').scrollIntoViewIfNeeded();
    // The largest bound the page offers: millions of states, far more than a few seconds.
    await page.selectOption('#bound-endpoints', '3');
    await page.selectOption('#bound-generations', '6');
    await page.getByRole('button', { name: 'Check every interleaving' }).click();
    await page.waitForFunction(() => /states ·/.test(document.querySelector('.explorer-part .explorer-progress')?.textContent ?? ''));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const latencies = [];
    for (let i = 0; i < 5; i++) latencies.push(await stepLatency(page));
    assert.ok(Math.max(...latencies) < 1_000, `each step shown within a second: ${latencies}`);
    console.log(`# step latency during the search: ${latencies.join(', ')} ms`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const result = page.locator('.search-result');
    await result.waitFor({ timeout: 5_000 });
    assert.match(await result.innerText(), /stopped because you cancelled it/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('an embed starts no worker', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&embed=1`, { readySelector: '.embed' });
    await page.waitForTimeout(1_000);
    assert.equal(log.requests.some((url) => url.includes('dns-race-worker')), false);
    await page.close();
  });
});
