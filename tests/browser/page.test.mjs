// The built page (dist/) in headless Chromium, driven as a learner drives it: by keyboard,
// by clicking the sequence diagram, with the buttons. It replays the incident, stays quiet
// in the console and never leaves 127.0.0.1.
// Run: trunk build --release && node --test tests/browser/

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openPage, READY, REPO_ROOT, useServerAndBrowser, waitBelowStage } from './harness.mjs';

const REGIONAL = '.record[data-endpoint="regional"]';

describe('incident page', () => {
  const env = useServerAndBrowser();
  let page;
  let log;

  before(async () => {
    ({ page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY }));
  });

  /** The narration's "Event N of M" (0 before the first event). */
  const position = async () => {
    const text = await page.locator('.narration-progress').textContent();
    const m = text.match(/Event (\d+) of (\d+)/);
    return m ? Number(m[1]) : 0;
  };
  /** Waits until the narration shows position `n` (Yew renders asynchronously). */
  const positionBecomes = async (n) => {
    await page.waitForFunction(
      (want) => {
        const text = document.querySelector('.narration-progress')?.textContent ?? '';
        const m = text.match(/Event (\d+) of/);
        return (m ? Number(m[1]) : 0) === want;
      },
      n,
      { timeout: 10_000 },
    );
    await waitBelowStage(page);
  };
  const press = async (key) => {
    const before = await position();
    await page.keyboard.press(key);
    await page.waitForFunction(
      (was) => {
        const m = (document.querySelector('.narration-progress')?.textContent ?? '').match(/Event (\d+) of/);
        return (m ? Number(m[1]) : 0) !== was;
      },
      before,
      { timeout: 10_000 },
    ).catch(() => {});
    await waitBelowStage(page);
  };

  test('opens before the first event, with every panel', async () => {
    assert.equal(await position(), 0);
    assert.match(await page.locator('.narration-sentence').innerText(), /All is well/);
    for (const panel of ['.arch svg[role="img"]', '.sequence-svg', '.controls', '.records', '.verdict-bar']) {
      assert.equal(await page.locator(panel).count(), 1, `${panel} is shown`);
    }
    assert.equal(await page.locator('.narration-now[aria-live="polite"]').count(), 1, 'narration is aria-live');
    assert.match(await page.locator(REGIONAL).innerText(), /ANSWER SECTION/);
  });

  test('step by keyboard to the empty record; step back restores it', async () => {
    await page.keyboard.press('Home');
    await positionBecomes(0);
    // Page Down (what a presentation clicker sends) walks the key moments until the
    // regional endpoint answers with zero addresses.
    let emptied = false;
    for (let i = 0; i < 60 && !emptied; i++) {
      await press('PageDown');
      emptied = /ANSWER: 0/.test(await page.locator(`${REGIONAL} .record-status`).innerText());
    }
    assert.ok(emptied, 'Page Down reaches the moment the regional record empties');
    const at = await position();
    assert.ok(at > 0);
    const regional = await page.locator(REGIONAL).innerText();
    assert.match(regional, /status: NOERROR/, 'NOERROR, not NXDOMAIN');
    assert.match(regional, /ANSWER: 0/);
    assert.doesNotMatch(regional, /ANSWER SECTION/);
    assert.match(regional, /tree deleted/);
    assert.match(await page.locator('.verdict-bar').innerText(), /Emptied/);
    assert.match(await page.locator('.verdict-bar').innerText(), /ANSWER: 0/);
    assert.match(await page.locator('.narration-state').innerText(), /never-empty/);

    await press('ArrowLeft');
    assert.equal(await position(), at - 1);
    const restored = await page.locator(REGIONAL).innerText();
    assert.match(restored, /ANSWER SECTION/, 'one step back, the record answers again');
    assert.doesNotMatch(await page.locator(`${REGIONAL} .record-status`).innerText(), /ANSWER: 0/);

    await press('ArrowRight');
    assert.equal(await position(), at);
    await press('End');
    assert.match(await page.locator('.narration-progress').textContent(), /Event (\d+) of \1/);
  });

  test('clicking an event in the sequence diagram seeks to it', async () => {
    await page.keyboard.press('Home');
    await positionBecomes(0);
    await press('PageDown');
    const marks = page.locator('.sequence-svg [data-position]');
    assert.ok((await marks.count()) >= 20, 'the window shows the events around the cursor');
    const target = marks.nth(12);
    const wanted = Number(await target.getAttribute('data-position'));
    assert.notEqual(wanted, await position());
    await target.click();
    await positionBecomes(wanted);
    assert.equal(await page.locator('.sequence-svg [aria-current="step"]').getAttribute('data-position'), String(wanted));
  });

  test('"Jump to first violation" lands on the stale write', async () => {
    await page.getByRole('button', { name: 'Jump to first violation' }).click();
    await page.waitForFunction(() => /never-backwards/.test(document.querySelector('.narration-state')?.textContent ?? ''));
    assert.match(await page.locator('.narration-sentence').innerText(), /overwriting the newer plan/);
  });

  test('Space plays and pauses; hiding the tab pauses', async () => {
    // Space on a focused button presses that button, as everywhere: start from the page.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Home');
    await positionBecomes(0);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => /Event [1-9]/.test(document.querySelector('.narration-progress')?.textContent ?? ''));
    assert.equal(await page.locator('.btn--play').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'false');

    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'true');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'false');
    const paused = await position();
    await page.waitForTimeout(600);
    assert.equal(await position(), paused, 'playback stays paused while the tab is hidden');
    await page.evaluate(() => {
      delete document.visibilityState;
    });
  });

  test('every control is labelled and reachable by keyboard', async () => {
    const unlabelled = await page.evaluate(() =>
      // A control hidden from assistive technology (the file input behind "Open a saved run…")
      // is driven by a visible, labelled button.
      [...document.querySelectorAll('button, input, [role="button"]')]
        .filter((el) => el.getAttribute('aria-hidden') !== 'true')
        .filter((el) => {
          const name = el.getAttribute('aria-label') || el.textContent.trim() || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label');
          return !name;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, []);
    const focusable = await page.evaluate(() =>
      [...document.querySelectorAll('button:not([disabled]), input:not([aria-hidden="true"])')].every((el) => el.tabIndex >= 0),
    );
    assert.ok(focusable, 'every control is in the tab order');
    const stops = await page.locator('.sequence-svg .seq-mark[tabindex="0"]').count();
    assert.equal(stops, 1, 'the sequence diagram is one Tab stop (a roving tabindex), not one per event');
  });

  test('a clicker keeps working when the scrubber has focus', async () => {
    await page.keyboard.press('Home');
    await positionBecomes(0);
    await page.locator('#scrubber-input').focus();
    await press('PageDown');
    const first = await position();
    assert.ok(first > 0, 'Page Down went forward');
    await press('PageDown');
    assert.ok((await position()) > first, 'and forward again, never back');
    await page.evaluate(() => document.activeElement?.blur());
  });

  test("the stale band's label goes back to the freshness check", async () => {
    await page.getByRole('button', { name: 'Jump to first violation' }).click();
    await page.waitForFunction(() => /never-backwards/.test(document.querySelector('.narration-state')?.textContent ?? ''));
    const link = page.locator('.seq-stale-link').first();
    const label = await link.getAttribute('aria-label');
    const target = Number(label.match(/event (\d+)\)$/)[1]);
    await link.click();
    await positionBecomes(target);
    assert.match(await page.locator('.narration-sentence').innerText(), /checks, once, that it is newer/);
  });

  test('conditional-write saves the record; switched off, the record empties again', async () => {
    await page.keyboard.press('Home');
    await positionBecomes(0);
    for (let i = 0; i < 5; i++) await press('PageDown');
    const at = await position();
    const toggle = page.getByRole('switch', { name: /conditional-write/ });
    await toggle.check();
    await page.waitForFunction(() => /Survived/.test(document.querySelector('.verdict-bar')?.textContent ?? ''));
    assert.match(await page.locator('.verdict').innerText(), /survived/i);
    assert.equal(await position(), at, 'the cursor stays at the same event: both runs agree up to here');
    const compare = await page.locator('.compare').innerText();
    assert.match(compare, /Without mitigations/);
    assert.match(compare, /With conditional-write/);
    assert.match(compare, /first differ at event \d+/);
    await toggle.uncheck();
    await page.locator('.compare').waitFor({ state: 'detached' });
    await page.waitForFunction(() => /Emptied/.test(document.querySelector('.verdict-bar')?.textContent ?? ''));
    assert.match(await page.locator('.verdict').innerText(), /stuck until repaired/i);
    assert.match(await page.locator('.trace-digest').innerText(), /^[0-9a-f]{16}$/);
  });

  test('shows the verdict: emptied, and stuck until repaired', async () => {
    const verdict = await page.locator('.verdict').innerText();
    assert.match(verdict, /emptied/i);
    assert.match(verdict, /stuck until repaired/i);
  });

  test('is readable from 360 px to 1920 px: nothing overflows sideways', async () => {
    for (const width of [360, 768, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than a ${width} px screen`);
    }
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
    assert.match(await page.locator('.narration-progress').textContent(), new RegExp(`of ${native.events.length}$`));
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
    assert.match(await page.locator('#sources').innerText(), /Summary of the Amazon DynamoDB Service Disruption/);
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
