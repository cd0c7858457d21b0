// The page's budget (issue 17): a link whose run would exceed it has the knob that puts it
// over left out before anything runs, with the value that fits named; the rest of the link
// opens, the page stays alive, and wasm memory stays within the page's 256 MB. Before, this link grew wasm memory past
// 4 GiB and the page died with `RuntimeError: unreachable`.
// The figures it prints (t.diagnostic) are the README's memory table.
// Run: trunk build --release && node --test tests/browser/budget.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const HOSTILE = '#v=1&planner_interval_ms_min=1&planner_interval_ms_max=1';
const PAGE_BUDGET_BYTES = 256 * 2 ** 20;

/** Keeps the wasm instance's exports where the test can read its memory. */
const keepWasm = (page) =>
  page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => {
      window.__dnsRaceWasm = event.detail.wasm;
    });
  });

/** The page's wasm memory, in bytes: what the page holds at its peak (it never shrinks). */
const wasmBytes = (page) => page.evaluate(() => window.__dnsRaceWasm.memory.buffer.byteLength);

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

describe('the page budget', () => {
  const env = useServerAndBrowser();

  test('a link over the budget leaves the knob out, names what fits, and opens the rest', async (t) => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&m=safe-cleanup&step=40${HOSTILE.slice(4)}`, {
      readySelector: READY,
      prepare: keepWasm,
    });
    const notice = await page.locator('.link-notice').innerText();
    assert.match(notice, /planner_interval_ms_min=1: 1 ms would publish up to \d+ plans/);
    assert.match(notice, /the smallest interval that fits is \d+ ms/);
    assert.ok(await page.getByRole('switch', { name: /safe-cleanup/ }).isChecked());
    assert.match(await progress(page), /Event 40 of \d+/);
    // Alive: it still answers the keyboard.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /Event 41 of/.test(document.querySelector('.narration-progress')?.textContent));
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    const bytes = await wasmBytes(page);
    t.diagnostic(`wasm memory, the hostile link's knob left out (safe-cleanup and its baseline): ${mb(bytes)}`);
    assert.ok(bytes <= PAGE_BUDGET_BYTES);
    await page.close();
  });

  test('the largest setting the budget accepts runs within it, and memory is reused when it is replaced', async (t) => {
    const refused = await openPage(env.browser.context, `${env.server.url}${HOSTILE}`, { readySelector: READY });
    const message = await refused.page.locator('.link-notice').innerText();
    await refused.page.close();
    const smallest = Number(message.match(/smallest interval that fits is (\d+) ms/)[1]);
    const edge = `#v=1&planner_interval_ms_min=${smallest}&planner_interval_ms_max=${smallest}`;
    const { page, log } = await openPage(env.browser.context, `${env.server.url}${edge}`, {
      readySelector: READY,
      prepare: keepWasm,
      timeout: 120_000,
    });
    assert.equal(await page.locator('.link-notice').count(), 0, 'the edge is accepted');
    const first = await wasmBytes(page);
    t.diagnostic(`wasm memory, a plan every ${smallest} ms (the smallest interval accepted): ${mb(first)}`);
    assert.ok(first <= PAGE_BUDGET_BYTES, `${mb(first)} is over the page's budget`);
    // Replaced by the incident, then asked for again: the freed memory is used again.
    for (const hash of ['#v=1&step=3', edge, '#v=1&step=4', edge]) {
      await page.evaluate((h) => {
        location.hash = h;
      }, hash);
      await page.waitForFunction((h) => location.hash === h, hash);
      await page.waitForSelector(READY, { state: 'visible', timeout: 120_000 });
    }
    const again = await wasmBytes(page);
    t.diagnostic(`wasm memory after replacing it twice: ${mb(again)}`);
    assert.ok(again <= PAGE_BUDGET_BYTES, `${mb(again)} is over the page's budget`);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
