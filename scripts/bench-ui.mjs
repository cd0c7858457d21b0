// The page's benchmarks in headless Chromium (run through scripts/bench-ui.sh, which builds
// what they need first). Three parts, all by default, or the ones named on the command line:
//
//   render      The page as shipped (dist/, every section present, the cascade's run done):
//               how long a step and a seek take to re-render. The app marks each of the
//               learner's actions and, after the render it causes, measures the time to an
//               updated and laid-out page ("dns-race:render" in the Performance timeline;
//               paint excluded). 300 steps each way, 100 scrubber seeks, 50 Home/End.
//   bench-page  The same on bench/index.html (target/bench-dist): the app on a calm day of
//               more than 10,000 events.
//   load        Load time, paired in one run with a bare Yew app built by the same toolchain
//               (bench/bare-yew, target/bare-yew-dist), because this machine is noisy: the
//               page, its embed (#v=1&embed=1) and the bare app, alternated, each in a fresh
//               browser context, with and without a 4x CPU slowdown. For each, from
//               navigation start: the first diagram (the architecture diagram's svg; the bare
//               app's counter) in the DOM, and on screen (the first contentful paint, or the
//               frame after it is in the DOM if that came later); the moment it is live, drawn
//               by the app (the page paints a pre-rendered copy of its opening moment first,
//               scripts/first-paint.mjs, which the app replaces; for the embed and the bare
//               app, live is when it is first drawn); and the longest main-thread task up to
//               5 s after that paint, and
//               after the first paint alone. Then, on the page, the longest task during a
//               cascade setting change (and the time until its charts are updated), during
//               the exhaustive search (clicked as the explorer shows, its worker starting;
//               clicked after 3 s on the section, its worker ready; then four times again,
//               each of those five followed by the native command line's search, the
//               reference: the page's time over it, search by search)
//               and during 1,000 random runs per design (and the runs per second).
//
// Options: --rounds=N (load: pages of each kind per CPU rate, default 5), --json=FILE (every
// figure, for comparing runs), --dist=DIR and --bench-dist=DIR (the page's and the benchmark
// page's builds, default dist/ and target/bench-dist: to compare builds). Only DOM state is
// waited on (aria-busy, the charts, the results), so the figures mean the same whether the
// cascade and the explorer run on the main thread or in Web Workers.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DIST_DIR,
  launchBrowser,
  launchSharedBrowser,
  openPage,
  REPO_ROOT,
  runThousandRandomRuns,
  startServer,
} from '../tests/browser/harness.mjs';

const PARTS = ['render', 'bench-page', 'load'];
const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const asked = args.filter((a) => !a.startsWith('--'));
for (const part of asked) {
  if (!PARTS.includes(part)) throw new Error(`unknown part ${part}: expected some of ${PARTS.join(', ')}`);
}
const parts = new Set(asked.length ? asked : PARTS);
const rounds = Number(option('rounds', 5));
const jsonFile = option('json', null);
const PAGE_DIST = option('dist', DIST_DIR);

const BENCH_DIST = option('bench-dist', join(REPO_ROOT, 'target', 'bench-dist'));
const BARE_DIST = join(REPO_ROOT, 'target', 'bare-yew-dist');
// The native command line (`cargo build --release`): the search's reference, run beside each
// search in the browser, so that a slow moment of the machine slows both.
const NATIVE_CLI = join(REPO_ROOT, 'target', 'release', 'dns-race');
/** The architecture diagram: the page's first diagram. */
const DIAGRAM = '.arch-frame svg';
/** The bare app's first render. */
const COUNTER = '.counter button';
/** A main-thread task longer than this is a "long task" (the Long Tasks API's threshold). */
const LONG_TASK_MS = 50;

const figures = { date: new Date().toISOString(), dist: PAGE_DIST };

// --- statistics -------------------------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => (x === undefined || x === null ? '–' : `${x.toFixed(x < 100 ? 1 : 0)} ms`);

function summary(name, durations) {
  const s = sorted(durations);
  return {
    name,
    n: s.length,
    median: median(s),
    p95: quantile(s, 0.95),
    max: s.at(-1),
    over16: s.filter((d) => d > 16).length,
  };
}

function renderTable(title, rows) {
  console.log(`\n${title}`);
  console.log('| action | n | median | p95 | max | over 16 ms |\n|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.n} | ${r.median.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${r.over16} |`);
  }
}

// --- in the page ------------------------------------------------------------------------

/** The render measures taken since the last call, in milliseconds. */
async function takeMeasures(page) {
  return page.evaluate(() => {
    const durations = performance.getEntriesByName('dns-race:render').map((e) => e.duration);
    performance.clearMeasures('dns-race:render');
    return durations;
  });
}

/** Resolves after the next frame and the task after it: the render has been painted. */
const waitIdle = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));

/**
 * Waits for the cascade section (the app draws it some frames after the stage, src/ui/app.rs
 * `part`), brings it into view and waits until its run is done and its charts are drawn (or
 * it says it does not follow this run).
 */
async function settleCascade(page, { timeout = 120_000 } = {}) {
  const section = page.locator('#cascade');
  await section.waitFor({ state: 'attached', timeout });
  await section.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => {
      const s = document.querySelector('#cascade');
      return (
        s.querySelector('.cascade-note, .cascade-error') ||
        (s.getAttribute('aria-busy') === 'false' && s.querySelector('.cascade-chart svg path.cascade-line'))
      );
    },
    null,
    { timeout },
  );
  await waitIdle(page);
}

/**
 * Set up in every document before its own scripts: records long tasks (buffered, from
 * navigation), and the moment `selector` is first in the DOM and the first frame after it.
 */
function instrument(selector) {
  const bench = (window.__bench = { longTasks: [], seen: null, frame: null, painted: null, live: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.noLongTasks = true;
  }
  const found = () => {
    if (bench.seen !== null || !document.querySelector(selector)) return false;
    bench.seen = performance.now();
    // A frame's rendering (style, layout, paint) follows its animation frame callbacks in
    // the same task: a task queued from one runs once that frame is painted.
    requestAnimationFrame(() => {
      bench.frame = performance.now();
      setTimeout(() => (bench.painted = performance.now()), 0);
    });
    return true;
  };
  // Live: the app drew it (the pre-rendered copy of the first paint, if there was one, is
  // gone; scripts/first-paint.mjs): from then on the page answers the learner.
  const live = () => {
    if (bench.live === null && !document.querySelector('[data-first-paint]') && document.querySelector(selector)) {
      bench.live = performance.now();
    }
  };
  const observer = new MutationObserver(() => {
    found();
    live();
    if (bench.seen !== null && bench.live !== null) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** The longest task overlapping [from, to] (page time, ms): its duration, or 0 if none. */
const longestTask = (page, from, to) =>
  page.evaluate(
    ([from, to]) =>
      Math.max(0, ...window.__bench.longTasks.filter(([s, d]) => s <= to && s + d >= from).map(([, d]) => d)),
    [from, to],
  );

const pageNow = (page) => page.evaluate(() => performance.now());

// --- render -----------------------------------------------------------------------------

async function renderBenchmark(title, root) {
  const server = await startServer({ root });
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, log } = await openPage(browser.context, server.url, { readySelector: '.controls' });
    const events = Number(await page.evaluate(() => document.querySelector('#scrubber-input')?.max));
    await settleCascade(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const input = page.locator('#scrubber-input');

    // Warm up: the first renders compile and allocate.
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await waitIdle(page);
    await takeMeasures(page);

    const rows = [];
    await page.keyboard.press('Home');
    await waitIdle(page);
    await takeMeasures(page);
    const steps = Math.min(300, events);
    for (let i = 0; i < steps; i++) {
      await page.keyboard.press('ArrowRight');
      await waitIdle(page);
    }
    rows.push(summary('step forward (Right)', await takeMeasures(page)));
    for (let i = 0; i < steps; i++) {
      await page.keyboard.press('ArrowLeft');
      await waitIdle(page);
    }
    rows.push(summary('step back (Left)', await takeMeasures(page)));
    for (let i = 0; i < 100; i++) {
      // A seek to a pseudo-random position, as the scrubber sends it.
      const to = (i * 7919 * 31) % events;
      await input.evaluate((el, value) => {
        el.value = String(value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, to);
      await waitIdle(page);
    }
    rows.push(summary('seek (scrubber, random positions)', await takeMeasures(page)));
    await input.evaluate((el) => el.blur());
    for (let i = 0; i < 50; i++) {
      await page.keyboard.press(i % 2 ? 'Home' : 'End');
      await waitIdle(page);
    }
    rows.push(summary('seek (Home/End)', await takeMeasures(page)));
    renderTable(`${title}: ${events} events`, rows);
    const problems = [...log.pageErrors, ...log.consoleErrors];
    if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    return { events, rows };
  } finally {
    await browser.close();
    await server.close();
  }
}

// --- load -------------------------------------------------------------------------------

/**
 * Opens `url` in a fresh context at CPU `rate` and waits until 5 s after its first diagram
 * (`selector`) is painted. Returns the times from navigation start and the longest tasks.
 */
async function loadOnce(shared, url, selector, rate) {
  const context = await shared.newContext();
  try {
    await context.addInitScript(instrument, selector);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    if (rate !== 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    }
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__bench?.painted != null && window.__bench.live !== null, null, {
      timeout: 120_000,
      polling: 50,
    });
    const { seen, frame, painted, live } = await page.evaluate(() => window.__bench);
    const quietUntil = painted + 5_000;
    await page.waitForTimeout(Math.max(0, quietUntil - (await pageNow(page))) + 100);
    const result = await page.evaluate((quietUntil) => {
      const tasks = window.__bench.longTasks.filter(([s]) => s <= quietUntil);
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return { fcp, tasks };
    }, quietUntil);
    if (errors.length) throw new Error(`${url} reported errors:\n${errors.join('\n')}`);
    // The first diagram on screen: the first contentful paint if the diagram was in the DOM
    // by then (the app draws its first render in one task), else the frame after it.
    const shown = result.fcp !== null && result.fcp >= seen ? result.fcp : painted;
    // After the first paint: tasks that start once the frame that paints the diagram has
    // begun (its rendering runs in the task of its animation frame callbacks).
    return {
      seen,
      painted,
      live,
      fcp: result.fcp,
      shown,
      longest: Math.max(0, ...result.tasks.map(([, d]) => d)),
      longestAfterPaint: Math.max(0, ...result.tasks.filter(([s]) => s >= frame).map(([, d]) => d)),
    };
  } finally {
    await context.close();
  }
}

async function loadBenchmark() {
  const page = await startServer({ root: PAGE_DIST });
  const bare = await startServer({ root: BARE_DIST });
  const shared = await launchSharedBrowser();
  const targets = [
    { name: 'page', url: page.url, selector: DIAGRAM },
    { name: 'embed', url: `${page.url}#v=1&embed=1`, selector: DIAGRAM },
    { name: 'bare Yew', url: bare.url, selector: COUNTER },
  ];
  const out = { rounds, rates: {} };
  try {
    for (const rate of [1, 4]) {
      const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
      for (let round = 0; round < rounds; round++) {
        // Alternated, starting with a different one each round.
        for (let k = 0; k < targets.length; k++) {
          const t = targets[(round + k) % targets.length];
          samples[t.name].push(await loadOnce(shared, t.url, t.selector, rate));
        }
      }
      out.rates[rate] = samples;
      const bareMedian = median(samples['bare Yew'].map((s) => s.shown));
      console.log(`\nLoad, CPU ${rate === 1 ? 'not slowed' : `slowed ${rate}x`}: medians of ${rounds}, fresh context each, alternated`);
      const bareLive = median(samples['bare Yew'].map((s) => s.live));
      console.log('| page | first diagram in the DOM | on screen | / bare Yew | frame after it | live (drawn by the app) | / bare Yew | longest task | longest after the first paint |');
      console.log('|---|---|---|---|---|---|---|---|---|');
      for (const t of targets) {
        const s = samples[t.name];
        const shown = median(s.map((x) => x.shown));
        const live = median(s.map((x) => x.live));
        const max = (k) => ms(Math.max(...s.map((x) => x[k])));
        console.log(
          `| ${t.name} | ${ms(median(s.map((x) => x.seen)))} | ${ms(shown)} | ${(shown / bareMedian).toFixed(2)}× | ` +
            `${ms(median(s.map((x) => x.painted)))} | ${ms(live)} | ${(live / bareLive).toFixed(2)}× | ` +
            `${ms(median(s.map((x) => x.longest)))} (max ${max('longest')}) | ` +
            `${ms(median(s.map((x) => x.longestAfterPaint)))} (max ${max('longestAfterPaint')}) |`,
        );
      }
      console.log(`on screen, every sample (ms): ${targets.map((t) => `${t.name}: ${samples[t.name].map((x) => x.shown.toFixed(0)).join(' ')}`).join('; ')}`);
      // Each round loads the three one after another: the ratio within a round is the least
      // touched by the machine's slow and quick moments.
      for (const t of targets.filter((t) => t.name !== 'bare Yew')) {
        const ratios = samples[t.name].map((x, i) => x.shown / samples['bare Yew'][i].shown);
        console.log(`${t.name} / bare Yew on screen, round by round: ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)}×)`);
      }
    }
  } finally {
    await shared.close();
    await bare.close();
  }
  try {
    out.interactions = await interactionBenchmark(page.url);
  } finally {
    await page.close();
  }
  return out;
}

/** Opens the page in a fresh browser, with its cascade done; returns { browser, page, log }. */
async function openSettled(url) {
  const shared = await launchSharedBrowser();
  const context = await shared.newContext();
  await context.addInitScript(instrument, DIAGRAM);
  const { page, log } = await openPage(context, url, { readySelector: '.controls' });
  await settleCascade(page);
  return { shared, page, log };
}

/** Clicks "Check every interleaving" on `page` and waits for the verdict: the page's own time
 * for it (`data-seconds`, from the click to the result), the states, the click to the
 * verdict on screen and the longest task meanwhile. */
async function searchOnce(page) {
  await waitIdle(page);
  // The progress, then a result: the same element changes from one to the other.
  await page.evaluate(() => {
    window.__searched = new Promise((done) => {
      let running = false;
      const observer = new MutationObserver(() => {
        if (document.querySelector('.explorer-progress')) running = true;
        else if (running && document.querySelector('.search-result')) {
          observer.disconnect();
          done();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  });
  const t0 = await pageNow(page);
  await page.getByRole('button', { name: 'Check every interleaving' }).click();
  await page.evaluate(() => window.__searched);
  const t1 = await pageNow(page);
  const result = page.locator('.search-result');
  return {
    states: Number(await result.getAttribute('data-states')),
    seconds: Number(await result.getAttribute('data-seconds')),
    wallMs: t1 - t0,
    longest: await longestTask(page, t0, t1),
  };
}

/** The longest task, the interactions on the page: a cascade setting, the search, random runs. */
async function interactionBenchmark(url) {
  const out = {};
  // A cascade setting change: each retry policy once (a policy run before is cached).
  {
    const { shared, page, log } = await openSettled(url);
    try {
      const values = await page.$$eval('#cascade-policy option', (os) => os.filter((o) => !o.selected).map((o) => o.value));
      const changes = [];
      for (const value of values) {
        await waitIdle(page);
        const { t0, t1 } = await page.evaluate(
          (value) =>
            new Promise((ok) => {
              const section = document.querySelector('#cascade');
              const select = document.querySelector('#cascade-policy');
              const label = [...select.options].find((o) => o.value === value).textContent.trim();
              const updated = () =>
                section.getAttribute('aria-busy') === 'false' &&
                section.querySelector('.cascade-figures th.cascade-run--first')?.textContent.trim() === label &&
                section.querySelector('#cascade-chart-nlb path.cascade-line');
              const t0 = performance.now();
              const observer = new MutationObserver(() => {
                if (updated()) {
                  observer.disconnect();
                  ok({ t0, t1: performance.now() });
                }
              });
              observer.observe(section, { childList: true, subtree: true, attributes: true, characterData: true });
              select.value = value;
              select.dispatchEvent(new Event('change', { bubbles: true }));
            }),
          value,
        );
        await waitIdle(page);
        changes.push({ policy: value, updatedMs: t1 - t0, longest: await longestTask(page, t0, t1) });
      }
      out.cascade = changes;
      console.log('\nA cascade setting change (the retry policy), each policy once:');
      console.log(changes.map((c) => `  ${c.policy.padEnd(18)} charts updated in ${ms(c.updatedMs)}, longest task ${ms(c.longest)}`).join('\n'));
      console.log(
        `  median: updated in ${ms(median(changes.map((c) => c.updatedMs)))}, longest task ${ms(median(changes.map((c) => c.longest)))} (max ${ms(Math.max(...changes.map((c) => c.longest)))})`,
      );
      const problems = [...log.pageErrors, ...log.consoleErrors];
      if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    } finally {
      await shared.close();
    }
  }
  // The exhaustive search of the default bound: clicked the moment the explorer shows (its
  // worker still starting), then, on another page, after 3 s on the section (a learner
  // reading first: the worker started and ready), and four times more; then 1,000 random
  // runs per design.
  {
    const { shared, page } = await openSettled(url);
    try {
      await page.locator('.explorer').scrollIntoViewIfNeeded();
      await waitIdle(page);
      out.searchAtOnce = await searchOnce(page);
    } finally {
      await shared.close();
    }
  }
  {
    const { shared, page, log } = await openSettled(url);
    try {
      await page.locator('.explorer').scrollIntoViewIfNeeded();
      await page.waitForTimeout(3_000);
      out.search = await searchOnce(page);
      const again = [];
      const native = [nativeSearchSeconds()];
      for (let i = 0; i < 4; i++) {
        again.push(await searchOnce(page));
        native.push(nativeSearchSeconds());
      }
      out.searchAgain = again;
      out.searchNative = native;
      const line = (name, s) =>
        `${name}: ${s.states} states in ${s.seconds.toFixed(3)} s (click to verdict ${ms(s.wallMs)}), longest task ${ms(s.longest)}`;
      console.log(`
The exhaustive search (default bound), its time as the page shows it (\`data-seconds\`: click to result):`);
      console.log(`  ${line('clicked as the explorer shows (worker starting)', out.searchAtOnce)}`);
      console.log(`  ${line('clicked after 3 s on the section (worker ready)', out.search)}`);
      console.log(
        `  again, 4 times: ${again.map((s) => s.seconds.toFixed(3)).join(', ')} s (median ${median(again.map((s) => s.seconds)).toFixed(3)} s), ` +
          `longest task ${ms(Math.max(...again.map((s) => s.longest)))}`,
      );
      if (native.every((x) => x !== null)) {
        const page5 = [out.search, ...again].map((s) => s.seconds);
        const ratios = page5.map((x, i) => x / native[i]);
        console.log(
          `  natively (target/release/dns-race explore, run after each of those five): ${native.map((x) => x.toFixed(3)).join(', ')} s ` +
            `(median ${median(native).toFixed(3)} s); the page / native, search by search: ${ratios.map((r) => r.toFixed(2)).join(' ')} ` +
            `(median ${median(ratios).toFixed(2)}×)`,
        );
      }
      let t0, t1;
      await waitIdle(page);
      t0 = await pageNow(page);
      const runsLine = await runThousandRandomRuns(page);
      t1 = await pageNow(page);
      const runs = Number(runsLine.match(/^([\d,]+) runs/)?.[1].replace(/,/g, ''));
      out.randomRuns = { line: runsLine, runs, wallMs: t1 - t0, runsPerSecond: runs / ((t1 - t0) / 1000), longest: await longestTask(page, t0, t1) };
      console.log(
        `Random runs, 1,000 per design: "${runsLine}"; click to done ${(out.randomRuns.wallMs / 1000).toFixed(1)} s ` +
          `(${Math.round(out.randomRuns.runsPerSecond)} runs/s), longest task ${ms(out.randomRuns.longest)}`,
      );
      const problems = [...log.pageErrors, ...log.consoleErrors];
      if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    } finally {
      await shared.close();
    }
  }
  return out;
}

/** The native command line's exhaustive search of the default bound, in seconds as it
 * reports them (`explore --json`), or null if it is not built. */
function nativeSearchSeconds() {
  if (!existsSync(NATIVE_CLI)) return null;
  return JSON.parse(execFileSync(NATIVE_CLI, ['explore', '--json'], { encoding: 'utf8' })).seconds;
}

// --- main -------------------------------------------------------------------------------

if (parts.has('render')) figures.render = await renderBenchmark(`Render, the page as shipped (${PAGE_DIST}, the cascade done)`, PAGE_DIST);
if (parts.has('bench-page')) {
  figures.benchPage = await renderBenchmark('Render, the benchmark page (bench/index.html)', BENCH_DIST);
  if (!(figures.benchPage.events >= 10_000)) {
    throw new Error(`the benchmark trace has ${figures.benchPage.events} events, fewer than 10,000`);
  }
}
if (parts.has('load')) figures.load = await loadBenchmark();
if (jsonFile) await writeFile(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
console.log(`\n(long tasks: main-thread tasks over ${LONG_TASK_MS} ms, as the Long Tasks API reports them; 0 ms: none)`);
