// The page for its three uses. A laptop: the stage (the architecture diagram, the sentence,
// the controls) on one screen at 1280 x 720, after load, after 11 Page Downs, with the tour
// or the scheduler open; a contents menu to the sections below. A projector: presenter mode
// fits 1280 x 720 with the chapter beside the diagram, a cascade chapter shows its chart, the
// speaker notes open in their own window and drive the page. A phone: the stage on the first
// screen, controls in a bar that stays put, swipes that step.
// Run: trunk build --release && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, progress, READY, startServer, useServerAndBrowser } from './harness.mjs';

/** The parts of `page` (CSS selectors) that are not wholly inside the viewport, with their boxes. */
async function offScreen(page, selectors) {
  return page.evaluate((selectors) => {
    const out = [];
    for (const s of selectors) {
      const e = document.querySelector(s);
      if (!e) {
        out.push(`${s}: missing`);
        continue;
      }
      const r = e.getBoundingClientRect();
      const inside = r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
      // Inside its scrolling column too (the rail, the aside), not scrolled out of sight.
      let clipped = false;
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(style.overflowY)) {
          const b = p.getBoundingClientRect();
          if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) clipped = true;
        }
      }
      if (!inside || clipped) out.push(`${s}: ${Math.round(r.top)}..${Math.round(r.bottom)} x ${Math.round(r.left)}..${Math.round(r.right)}${clipped ? ' (scrolled out of its column)' : ''}`);
    }
    return out;
  }, selectors);
}

const STAGE = ['.stage-figure .arch-svg', '.stage-aside .narration-sentence', '.stage-aside .btn--play', '.stage-aside .scrubber'];

describe('the stage at 1280 x 720', () => {
  const env = useServerAndBrowser({ viewport: { width: 1280, height: 720 } });

  test('the diagram, the sentence and the controls are on screen after load and after 11 Page Downs', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    assert.deepEqual(await offScreen(page, STAGE), [], 'after load');
    for (let i = 1; i <= 11; i++) {
      const before = await progress(page);
      await page.keyboard.press('PageDown');
      await page.waitForFunction((b) => document.querySelector('.narration-progress')?.textContent !== b, before);
      assert.deepEqual(await offScreen(page, STAGE), [], `after Page Down ${i} (${await progress(page)})`);
      assert.equal(await page.evaluate(() => scrollY), 0, 'Page Down moved the replay, not the page');
    }
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('with the tour open, its chapter text and question sit beside the diagram', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&chapter=race`, { readySelector: READY });
    assert.deepEqual(await offScreen(page, [...STAGE, '.stage-rail .tour-title', '.stage-rail .tour-text p', '.stage-rail .prompt-question']), []);
    // Every chapter keeps the stage on screen.
    for (let i = 0; i < 11; i++) {
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(60);
      const chart = await page.evaluate(() => document.querySelector('.page')?.classList.contains('page--chart'));
      const parts = chart ? ['.cascade-charts', '.stage-aside .narration-sentence', '.stage-aside .btn--play', '.stage-rail .tour-title'] : [...STAGE, '.stage-rail .tour-title'];
      assert.deepEqual(await offScreen(page, parts), [], `chapter ${await page.locator('.tour-kicker').innerText()}`);
    }
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('with the scheduler open, its choices sit beside the diagram', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=120&drive=1`, { readySelector: READY });
    assert.deepEqual(await offScreen(page, [...STAGE, '.stage-rail .scheduler-choice']), []);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('the contents menu takes the learner to a section below and closes; the verdict comes before the cascade', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=30`, { readySelector: READY });
    await page.locator('.contents-menu > summary').click();
    await page.getByRole('link', { name: 'Verdict of the race' }).click();
    await page.waitForFunction(() => {
      const r = document.getElementById('verdict')?.getBoundingClientRect();
      return r && r.top >= 0 && r.top < innerHeight / 2;
    });
    assert.equal(await page.locator('.contents-menu').getAttribute('open'), null, 'the menu closed');
    const order = await page.evaluate(() => [...document.querySelectorAll('#verdict, #cascade')].map((e) => e.id));
    assert.deepEqual(order, ['verdict', 'cascade']);
    // The replay's keys still work, at the same step.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash.includes('step=31'));
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});

describe('presenter mode', () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    test(`at ${viewport.width} x ${viewport.height}, the diagram, the chapter and the current event fit one screen`, async () => {
      const browser = await launchBrowser({ viewport });
      try {
        const server = await startServer();
        try {
          const { page, log } = await openPage(browser.context, `${server.url}#v=1&chapter=empty&present=1`, { readySelector: READY });
          assert.deepEqual(await offScreen(page, ['.stage-figure .arch-svg', '.stage-rail .tour-title', '.stage-rail .tour-text p', '.stage-aside .narration-sentence']), []);
          const notesTop = await page.locator('.presenter-notes').evaluate((e) => e.getBoundingClientRect().top);
          assert.ok(notesTop >= viewport.height, 'the notes are not on the projected screen');
          // A chapter about the cascade shows its chart on the stage.
          await page.goto(`${server.url}#v=1&chapter=storm&present=1`);
          await page.locator('.cascade-charts').waitFor({ timeout: 60_000 });
          assert.deepEqual(
            await offScreen(page, ['.cascade-charts figure', '.stage-rail .tour-title', '.stage-aside .narration-sentence', '.stage-aside .btn--play']),
            [],
          );
          assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
          await page.close();
        } finally {
          await server.close();
        }
      } finally {
        await browser.close();
      }
    });
  }

  test('the speaker notes open in their own window, follow the chapter and drive the page', async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
    const server = await startServer();
    try {
      const { page, log } = await openPage(browser.context, `${server.url}#v=1&chapter=race&present=1`, { readySelector: READY });
      const [notes] = await Promise.all([
        browser.context.waitForEvent('page'),
        page.getByRole('button', { name: 'Speaker notes ↗' }).click(),
      ]);
      await notes.waitForFunction(() => document.querySelector('h1')?.textContent === 'The race');
      assert.match(await notes.locator('body').innerText(), /Next: The empty record/);
      // Page Down pressed in the notes window: the projected page moves to the next chapter.
      await notes.keyboard.press('PageDown');
      await page.waitForFunction(() => location.hash.includes('chapter=empty'));
      await notes.waitForFunction(() => document.querySelector('h1')?.textContent === 'The empty record');
      assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
      await page.close();
    } finally {
      await server.close();
      await browser.close();
    }
  });
});

describe('on a phone (390 x 844, touch)', () => {
  const env = useServerAndBrowser({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the first screen shows the diagram and a bar of controls that stays put; the intro speaks of taps and swipes', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=120`, { readySelector: READY });
    const svg = await page.locator('.stage-figure .arch-svg').boundingBox();
    assert.ok(svg.y < 844 / 3, `the diagram starts at y=${svg.y}`);
    const bar = async () => (await page.locator('.stage-aside .btn--play').boundingBox()).y;
    const y0 = await bar();
    assert.ok(y0 > 700 && y0 < 844, `the play button at y=${y0}`);
    const box = await page.locator('.stage-aside .btn--play').boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, 'sized for a thumb');
    for (let i = 0; i < 6; i++) {
      await page.getByRole('button', { name: 'Step forward' }).tap();
      assert.equal(await bar(), y0, `the bar stays put at step ${121 + i}`);
    }
    assert.equal(await page.locator('.hint--touch').isVisible(), true);
    assert.equal(await page.locator('.hint--keys').isVisible(), false);
    // Every tool is in sight, and the contents menu opens on screen.
    assert.deepEqual(await offScreen(page, ['.tour-start', '.contents-menu > summary']), []);
    await page.locator('.contents-menu > summary').tap();
    assert.deepEqual(await offScreen(page, ['.contents-menu-list']), []);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a swipe left on the diagram steps forward, a swipe right steps back', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=50`, { readySelector: READY });
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (x0, x1, y) => {
      for (const [type, x] of [['touchStart', x0], ['touchMove', (x0 + x1) / 2], ['touchMove', x1]]) {
        await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: [{ x, y }] });
        await page.waitForTimeout(16);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const box = await page.locator('.stage-figure .arch-svg').boundingBox();
    const y = box.y + 120;
    await swipe(300, 100, y);
    await page.locator('.narration-progress', { hasText: /Event 51 of/ }).waitFor();
    await swipe(100, 300, y);
    await page.locator('.narration-progress', { hasText: /Event 50 of/ }).waitFor();
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
