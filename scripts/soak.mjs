// A playback soak: the page as shipped (dist/) plays the incident at its top speed (speed 7,
// 128 events a second) again and again for --minutes (10 by default), as a projector left
// running does. Every --every seconds (30) it samples, after a garbage collection: the wasm
// memory (the module's WebAssembly.Memory, which never shrinks), the JS heap in use, the DOM
// nodes and event listeners (Chromium's Performance.getMetrics), and the events played per
// second since the last sample, and (on Linux) the renderer process's resident memory. A
// leak shows as a column that keeps growing.
//
// Usage: node scripts/soak.mjs [--minutes=10] [--every=30] [--dist=DIR]
//   (build first: trunk build --release; scripts/setup.sh installs what it needs)

import { readFile } from 'node:fs/promises';
import { launchSharedBrowser, openPage, startServer, DIST_DIR } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const minutes = Number(option('minutes', 10));
const everyS = Number(option('every', 30));
const dist = option('dist', DIST_DIR);
if (!(minutes > 0 && minutes <= 240 && everyS >= 5 && everyS <= 600)) {
  throw new Error('--minutes takes 0 to 240 (minutes), --every 5 to 600 (seconds)');
}
const SPEED = 7;
const NOMINAL = 2 ** SPEED;

const server = await startServer({ root: dist });
const shared = await launchSharedBrowser();
const context = await shared.newContext({ viewport: { width: 1280, height: 720 } });
// Trunk's loader announces the module's exports: keep its memory to measure it.
await context.addInitScript(() =>
  addEventListener('TrunkApplicationStarted', (e) => (window.__soakMemory = e.detail.wasm.memory)),
);
const { page, log } = await openPage(context, `${server.url}#v=1&speed=${SPEED}`, { readySelector: '.controls' });
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const browserCdp = await shared.browser.newBrowserCDPSession();

/** The renderer processes' resident memory in MB (the largest: the page's), from /proc. */
async function rendererMb() {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const sizes = await Promise.all(
    processInfo
      .filter((p) => p.type === 'renderer')
      .map(async (p) => {
        const status = await readFile(`/proc/${p.id}/status`, 'utf8').catch(() => '');
        return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? NaN) / 1024;
      }),
  );
  const known = sizes.filter((n) => !Number.isNaN(n));
  return known.length ? Math.max(...known) : NaN;
}

/** The cursor's position, from the progress line ("Event 12 of 933"), and the run's length. */
const position = () =>
  page.evaluate(() => {
    const m = document.querySelector('.narration-progress')?.textContent.match(/Event ([\d,]+) of ([\d,]+)/);
    return m ? [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))] : [0, 0];
  });
const play = async () => {
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
};

async function sample() {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const wasm = await page.evaluate(() => window.__soakMemory?.buffer.byteLength ?? NaN);
  return {
    rendererMb: await rendererMb(),
    wasmMb: wasm / 2 ** 20,
    jsMb: metric('JSHeapUsedSize') / 2 ** 20,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
  };
}

const rows = [];
const started = Date.now();
let played = 0;
let [last] = await position();
let lastSample = { t: 0, played: 0 };
await play();
console.log(`Soak: ${minutes} min of playback at speed ${SPEED} (${NOMINAL} events/s), a sample every ${everyS} s`);
console.log('| minute | events/s | renderer (RSS) | wasm memory | JS heap (after GC) | DOM nodes | listeners |');
console.log('|---|---|---|---|---|---|---|');
const report = (row) =>
  console.log(
    `| ${row.minute.toFixed(1)} | ${row.rate.toFixed(0)} | ${row.rendererMb.toFixed(0)} MB | ` +
      `${row.wasmMb.toFixed(1)} MB | ${row.jsMb.toFixed(1)} MB | ` +
      `${row.nodes} | ${row.listeners} |`,
  );
const first = { minute: 0, rate: NaN, ...(await sample()) };
rows.push(first);
report(first);
while (Date.now() - started < minutes * 60_000) {
  await page.waitForTimeout(250);
  const [now, end] = await position();
  played += now >= last ? now - last : now;
  last = now;
  if (now >= end && end > 0) {
    await play();
    last = 0;
  }
  const t = (Date.now() - started) / 1000;
  if (t - lastSample.t >= everyS) {
    // Sampling pauses nothing: playback runs on while the sample is taken.
    const row = { minute: t / 60, rate: (played - lastSample.played) / (t - lastSample.t), ...(await sample()) };
    lastSample = { t, played };
    rows.push(row);
    report(row);
  }
}
const end = rows[rows.length - 1];
const rates = rows.slice(1).map((r) => r.rate).sort((a, b) => a - b);
console.log(
  `\nRenderer ${first.rendererMb.toFixed(0)} → ${end.rendererMb.toFixed(0)} MB, wasm memory ${first.wasmMb.toFixed(1)} → ${end.wasmMb.toFixed(1)} MB, JS heap ${first.jsMb.toFixed(1)} → ` +
    `${end.jsMb.toFixed(1)} MB, DOM nodes ${first.nodes} → ${end.nodes}, listeners ${first.listeners} → ` +
    `${end.listeners}; playback ${rates[Math.floor(rates.length / 2)]?.toFixed(0)} events/s median ` +
    `(nominal ${NOMINAL}); ${played} events in all.`,
);
const problems = [...log.pageErrors, ...log.consoleErrors];
await shared.close();
await server.close();
if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
