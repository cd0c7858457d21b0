// Render benchmark: how long the page takes to re-render after a step and after a seek, on
// a trace of more than 10,000 events (bench/index.html: a calm day of 6 h 30 min).
// The app marks each action and measures, after the render, the time to an updated and
// laid-out page ("dns-race:render" in the Performance timeline; paint excluded).
// Then the explorer on the same page: the exhaustive search of the default bound (wall time
// from the click to the verdict, slices and all) and random runs (runs per second).
// Run through scripts/bench-ui.sh, which builds the benchmark page first.

import { join } from 'node:path';
import { launchBrowser, openPage, REPO_ROOT, runThousandRandomRuns, startServer } from '../tests/browser/harness.mjs';

const root = join(REPO_ROOT, 'target', 'bench-dist');
const server = await startServer({ root });
const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });

/** The render measures taken since the last call, in milliseconds. */
async function takeMeasures(page) {
  return page.evaluate(() => {
    const durations = performance.getEntriesByName('dns-race:render').map((e) => e.duration);
    performance.clearMeasures('dns-race:render');
    return durations;
  });
}

function summary(name, ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const over = sorted.filter((d) => d > 16).length;
  return `${name.padEnd(26)} n=${String(sorted.length).padStart(4)}  median ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${sorted.at(-1).toFixed(2)} ms  over 16 ms: ${over}`;
}

try {
  const { page, log } = await openPage(browser.context, server.url, { readySelector: '.controls' });
  const events = Number((await page.locator('.narration-progress').textContent()).match(/of (\d+)/)?.[1] ??
    (await page.evaluate(() => document.querySelector('#scrubber-input')?.max)));
  console.log(`trace: ${events} events`);
  if (!(events >= 10_000)) throw new Error(`the benchmark trace has ${events} events, fewer than 10,000`);
  const input = page.locator('#scrubber-input');
  const waitIdle = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));

  // Warm up: the first renders compile and allocate.
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await waitIdle();
  await takeMeasures(page);

  const results = [];
  await input.evaluate((el) => el.blur());
  await page.keyboard.press('Home');
  await waitIdle();
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('ArrowRight');
    await waitIdle();
  }
  results.push(summary('step forward (Right)', await takeMeasures(page)));
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('ArrowLeft');
    await waitIdle();
  }
  results.push(summary('step back (Left)', await takeMeasures(page)));
  for (let i = 0; i < 100; i++) {
    // A seek to a pseudo-random position, as the scrubber sends it.
    const to = (i * 7919 * 31) % events;
    await input.evaluate((el, value) => {
      el.value = String(value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, to);
    await waitIdle();
  }
  results.push(summary('seek (scrubber)', await takeMeasures(page)));
  for (let i = 0; i < 50; i++) {
    await page.keyboard.press(i % 2 ? 'Home' : 'End');
    await waitIdle();
  }
  results.push(summary('seek (Home/End)', await takeMeasures(page)));
  console.log(results.join('\n'));

  // The explorer: five searches of the default bound, then 1,000 random runs per design.
  await page.locator('.explorer').scrollIntoViewIfNeeded();
  const searches = [];
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: 'Check every interleaving' }).click();
    const result = page.locator('.search-result');
    await result.waitFor({ timeout: 60_000 });
    searches.push({ seconds: Number(await result.getAttribute('data-seconds')), states: Number(await result.getAttribute('data-states')) });
    // Flip a switch on and off: the result goes, the button comes back.
    const toggle = page.getByRole('switch', { name: /self-repair/ });
    await toggle.check();
    await toggle.uncheck();
  }
  const seconds = searches.map((s) => s.seconds).sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)];
  console.log(
    `exhaustive search, default bound: ${searches[0].states} states, median ${median.toFixed(3)} s ` +
      `(${Math.round(searches[0].states / median)} states/s), all: ${seconds.map((s) => s.toFixed(3)).join(' ')} s`,
  );
  console.log(`random runs: ${await runThousandRandomRuns(page)}`);
  const problems = [...log.pageErrors, ...log.consoleErrors];
  if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
