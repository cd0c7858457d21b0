// The explorer in headless Chromium: the exhaustive search finds the race and proves the
// fix up to the bound; a counterexample plays in the timeline; random runs fill the table
// while the page stays usable, and stop when cancelled.
// Run: trunk build --release && node --test tests/browser/

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openPage, REPO_ROOT, useServerAndBrowser } from './harness.mjs';

describe('explorer', () => {
  const env = useServerAndBrowser();
  let page;
  let log;

  before(async () => {
    ({ page, log } = await openPage(env.browser.context, env.server.url, { readySelector: '.controls' }));
    await page.locator('.explorer').scrollIntoViewIfNeeded();
  });

  const search = async () => {
    await page.getByRole('button', { name: 'Check every interleaving' }).click();
    const result = page.locator('.search-result');
    await result.waitFor({ timeout: 30_000 });
    return result;
  };

  test('without mitigations, every interleaving finds the race, with its state count', async () => {
    const result = await search();
    assert.equal(await result.getAttribute('data-states'), '109796');
    const text = await result.innerText();
    assert.match(text, /Unsafe/);
    assert.match(text, /109,796 states/);
    assert.match(text, /never-empty\s+fails: shortest counterexample, 12 events/);
    assert.match(text, /explore --enactors 3 --endpoints 2 --generations 4/);
  });

  test('a counterexample plays in the timeline, and "Back to the incident" returns', async () => {
    const incidentDigest = await page.locator('.trace-digest').innerText();
    await page.locator('.search-play').first().click();
    const banner = page.locator('.loaded-run');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Shortest counterexample: never-empty/);
    await page.waitForFunction(() => /Event 0 of 13|before the first event/i.test(document.querySelector('.narration-progress')?.textContent ?? ''));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'loaded-run-title', 'focus moves to the banner');
    await page.keyboard.press('End');
    await page.waitForFunction(() => /Event 13 of 13/.test(document.querySelector('.narration-progress')?.textContent ?? ''));
    assert.match(await page.locator('.verdict-bar').innerText(), /Emptied/);
    assert.match(await page.locator('.narration').innerText(), /NOERROR, zero addresses/);
    assert.match(await page.locator('.narration-sources').innerText(), /comes from the explorer or a seed, not from AWS/);
    const footer = await page.locator('.footer').innerText();
    assert.match(footer, /cargo run --release -- explore .* --invariant never-empty/);
    const native = JSON.parse(
      execFileSync('cargo', ['run', '--quiet', '--locked', '--', 'explore', '--invariant', 'never-empty', '--json'], {
        cwd: REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
      }).toString(),
    );
    assert.equal(await page.locator('.trace-digest').innerText(), native.counterexample_digest, 'the same run as the command line prints');
    // Its link (the explorer's system and the schedule it found) reopens the same run.
    await page.waitForFunction(() => location.hash.startsWith('#v=1&bound=3.2.4.1.2&pick='));
    const link = await page.evaluate(() => location.href);
    const { page: reopened } = await openPage(env.browser.context, link, { readySelector: '.controls' });
    assert.equal(await reopened.locator('.trace-digest').innerText(), native.counterexample_digest, 'the link reopens it');
    assert.match(await reopened.locator('.narration-progress').textContent(), /Event 13 of 13/);
    assert.equal(await reopened.locator('.link-notice').count(), 0);
    await reopened.close();
    await page.getByRole('button', { name: 'Back to the incident' }).click();
    await banner.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.trace-digest').innerText(), incidentDigest);
  });

  test('with conditional-write and safe-cleanup, no violation up to the bound', async () => {
    for (const name of [/conditional-write/, /safe-cleanup/]) {
      await page.getByRole('switch', { name }).check();
    }
    assert.equal(await page.locator('.search-result').count(), 0, 'a switch makes the old result go');
    const result = await search();
    assert.equal(await result.getAttribute('data-states'), '21391');
    assert.match(await result.innerText(), /No violation in any interleaving up to this bound/);
    for (const name of [/conditional-write/, /safe-cleanup/]) {
      await page.getByRole('switch', { name }).uncheck();
    }
  });

  test('plan-expiry is left to the random runs, and said to be', async () => {
    await page.getByRole('switch', { name: /plan-expiry/ }).check();
    const result = await search();
    assert.match(await result.innerText(), /plan-expiry acts through the clock/);
    await page.getByRole('switch', { name: /plan-expiry/ }).uncheck();
  });

  test('random runs fill the table round the designs, and Cancel stops them', async () => {
    await page.selectOption('#runs-count', '1000');
    await page.getByRole('button', { name: 'Run 1,000 per design' }).click();
    const progress = page.locator('.explorer-progress[data-total]');
    await page.waitForFunction(() => Number(document.querySelector('.explorer-progress[data-total]')?.dataset.done) >= 26);
    assert.equal(await progress.getAttribute('data-total'), '13000');
    const rows = page.locator('.runs-table tbody tr');
    assert.equal(await rows.count(), 13, 'none, each of 9 mitigations alone, and 3 pairs');
    assert.match(await rows.first().innerText(), /none[\s\S]*switched on above/);
    // The page answers while the runs go on: the cancel button works at once.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => /Cancelled after/.test(document.querySelector('.explorer-progress[data-total]')?.textContent ?? ''));
    const stopped = await progress.getAttribute('data-done');
    await page.waitForTimeout(300);
    assert.equal(await progress.getAttribute('data-done'), stopped, 'no run after Cancel');
    const conditional = await rows.nth(2).innerText();
    assert.match(conditional, /^conditional-write\s/);
    assert.match(conditional, /never empty/, 'a conditional write never lets the old plan in');
  });

  test('a seed that is not a number gets a message, and the learner keeps their table', async () => {
    const seed = page.locator('#runs-seed');
    await seed.fill('forty-two');
    assert.match(await page.locator('#runs-seed-error').innerText(), /must be a whole number/);
    assert.ok(await page.locator('.explorer-part:nth-child(2) .explorer-start').isDisabled());
    assert.equal(await page.locator('.runs-table tbody tr').count(), 13, 'the table stays');
    await seed.fill('7');
    assert.ok(!(await page.locator('.explorer-part:nth-child(2) .explorer-start').isDisabled()));
  });

  test('logs no console errors or page errors', () => {
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  });
});
