// Save and open a run: the JSON download has the run's digest and step, and reopens that
// moment in a fresh page; a broken file is refused with its field named and the page kept
// as it was; the SVG download is a standalone SVG with every lane; the console stays quiet.
// Run: trunk build --release && node --test tests/browser/export.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const digest = (page) => page.locator('.trace-digest').textContent();
const switchedOn = (page) =>
  page.$$eval('input.mitigation-switch', (switches) => switches.filter((s) => s.checked).map((s) => s.id).sort());

/** Clicks `button` and returns the download's suggested name and text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Opens `contents` (a string) as the file `name` through the panel's file input. */
async function open(page, name, contents) {
  await page.setInputFiles('#export-file', { name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

describe('save and open a run', () => {
  const env = useServerAndBrowser({ acceptDownloads: true });
  let saved;

  test('the run downloads as JSON with its digest and step', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&m=conditional-write,safe-cleanup&step=120`, {
      readySelector: READY,
    });
    assert.match(await progress(page), /Event 120 of \d+/);
    const { name, text } = await download(page, 'Download the run (JSON)');
    saved = JSON.parse(text);
    const shown = (await digest(page)).trim();
    assert.equal(name, `dns-race-${shown}-step120.json`);
    assert.equal(saved.format, 'dns-race-run');
    assert.equal(saved.version, 1);
    assert.equal(saved.digest, shown);
    assert.equal(saved.settings.step, 120);
    assert.deepEqual(saved.settings.mitigations, ['conditional-write', 'safe-cleanup']);
    assert.ok(saved.events.length > 120, 'every event of the run');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a saved run reopens its moment in a fresh page', async () => {
    assert.ok(saved, 'the download test ran first');
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    assert.deepEqual(await switchedOn(page), []);
    await open(page, 'saved.json', JSON.stringify(saved));
    await page.waitForFunction(() => /Event 120 of/.test(document.querySelector('.narration-progress')?.textContent));
    assert.deepEqual(await switchedOn(page), ['mitigation-conditional-write', 'mitigation-safe-cleanup']);
    assert.equal((await digest(page)).trim(), saved.digest);
    assert.match(await page.locator('.export-status').textContent(), /Opened saved\.json: the saved run, at event 120/);
    await page.waitForFunction(() => location.hash === '#v=1&m=conditional-write,safe-cleanup&step=120');
    // The same file again: the run is already shown, so only the cursor moves.
    await page.keyboard.press('Home');
    await page.waitForFunction(() => /Before the first event/i.test(document.querySelector('.narration-progress')?.textContent));
    await open(page, 'saved.json', JSON.stringify(saved));
    await page.waitForFunction(() => /Event 120 of/.test(document.querySelector('.narration-progress')?.textContent));
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('the section after the race is saved with the moment, and reopens as it was', async () => {
    const moment = '#v=1&policy=immediate&vs=full-jitter&respond=queue-size-limit&at=0530';
    const first = await openPage(env.browser.context, `${env.server.url}${moment}`, { readySelector: READY });
    await first.page.locator('#cascade-chart-nlb path.cascade-line').first().waitFor({ state: 'attached', timeout: 60_000 });
    const { text } = await download(first.page, 'Download the run (JSON)');
    assert.deepEqual(JSON.parse(text).settings.cascade,
      { policy: 'immediate', vs: 'full-jitter', respond: ['queue-size-limit'], at: '0530' });
    await first.page.close();
    // Opened over another run: the saved run arrives, then its cursor and the charts'.
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&seed=50`, { readySelector: READY });
    await open(page, 'cascade.json', text);
    await page.waitForFunction(() => ['policy=immediate', 'vs=full-jitter', 'respond=queue-size-limit', 'at=0530']
      .every((part) => location.hash.includes(part)) && !location.hash.includes('seed='));
    await page.waitForFunction(() => /^05:30 PDT/.test(document.querySelector('.cascade-readout-time')?.textContent ?? ''),
      null, { timeout: 60_000 });
    assert.equal(await page.locator('#cascade-policy').inputValue(), 'immediate');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a saved run dropped on the panel reopens its moment', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    // The sections below the stage are drawn one per frame after it: wait for the panel.
    await page.locator('.export').waitFor({ state: 'attached' });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      const panel = document.querySelector('.export');
      panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      panel.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(saved));
    await page.waitForFunction(() => /Event 120 of/.test(document.querySelector('.narration-progress')?.textContent));
    assert.deepEqual(await switchedOn(page), ['mitigation-conditional-write', 'mitigation-safe-cleanup']);
    assert.match(await page.locator('.export-status').textContent(), /Opened dropped\.json/);
    assert.equal(await page.locator('.export--dragging').count(), 0, 'the drop ends the highlight');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a broken file is refused, names its field, and leaves the page as it was', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&m=self-repair&step=33`, { readySelector: READY });
    const before = { progress: await progress(page), switches: await switchedOn(page), hash: await page.evaluate(() => location.hash) };
    const broken = structuredClone(saved);
    broken.settings.mitigations = ['conditional-write', 'magic'];
    await open(page, 'broken.json', JSON.stringify(broken, null, 2));
    const alert = page.locator('.export [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /broken\.json was not opened: settings\.mitigations\[1\]: no such mitigation "magic"/);

    // Edited: the digest no longer matches the run.
    const edited = structuredClone(saved);
    edited.settings.mitigations = [];
    await open(page, 'edited.json', JSON.stringify(edited));
    await page.waitForFunction(() => /edited\.json/.test(document.querySelector('.export [role="alert"]')?.textContent));
    assert.match(await alert.textContent(), /digest: the file says [0-9a-f]{16}, but the run its settings give has digest [0-9a-f]{16}/);

    // Not JSON, cut short.
    await open(page, 'cut.json', JSON.stringify(saved).slice(0, 500));
    await page.waitForFunction(() => /cut\.json/.test(document.querySelector('.export [role="alert"]')?.textContent));
    assert.match(await alert.textContent(), /cut short/);

    assert.equal(await progress(page), before.progress);
    assert.deepEqual(await switchedOn(page), before.switches);
    assert.equal(await page.evaluate(() => location.hash), before.hash);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a file larger than 5 MB is refused before it is read', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await open(page, 'huge.json', ' '.repeat(5 * 1024 * 1024 + 10));
    await page.locator('.export [role="alert"]').waitFor();
    assert.match(await page.locator('.export [role="alert"]').textContent(), /huge\.json was not opened: the file is 5\.1 MB, more than the 5\.0 MB a saved run can be/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('the sequence diagram downloads as a standalone SVG of the whole run', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=254`, { readySelector: READY });
    const { name, text } = await download(page, 'Download the diagram (SVG)');
    const shown = (await digest(page)).trim();
    assert.equal(name, `dns-race-sequence-${shown}.svg`);
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        ns: root.namespaceURI,
        viewBox: root.getAttribute('viewBox'),
        width: Number(root.getAttribute('width')),
        lanes: [...doc.querySelectorAll('.seq-lane-label')].map((t) => t.textContent),
        marks: doc.querySelectorAll('.seq-mark').length,
      };
    }, text);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
    assert.match(parsed.viewBox, /^0 0 \d+ \d+$/);
    assert.ok(parsed.width > 1000, 'the whole run, wider than the page');
    assert.deepEqual(parsed.lanes, ['Planner', 'Enactor A', 'Enactor B', 'Enactor C', 'Route 53', 'Clients', 'Operators']);
    const total = Number((await progress(page)).match(/of (\d+)/)[1]);
    assert.equal(parsed.marks, total, 'one mark per event');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
