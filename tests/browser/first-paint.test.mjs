// The page's first paint: the build pre-renders the opening moment into index.html
// (scripts/first-paint.mjs), so the diagram is on screen before the wasm has started; the app
// then replaces that copy with the same stage, live. A link that opens elsewhere shows no copy.
// The sections below the stage arrive after the first paint. Keys pressed before the app has
// started are played once it has.
// Run: trunk build --release && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useServerAndBrowser, waitLive } from './harness.mjs';

/** What is drawn when the app's wasm never arrives: only the pre-rendered copy. */
async function openWithoutWasm(env, hash = '') {
  const page = await env.browser.context.newPage();
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(env.server.url + hash, { waitUntil: 'load' });
  return page;
}

describe('first paint', () => {
  const env = useServerAndBrowser();

  test('the opening moment is on screen before the wasm starts', async () => {
    const page = await openWithoutWasm(env);
    try {
      const diagram = page.locator('[data-first-paint] .arch-frame svg');
      assert.equal(await diagram.isVisible(), true, 'the copy of the diagram is shown');
      const text = await page.locator('[data-first-paint]').innerText();
      assert.match(text, /The DNS race that emptied DynamoDB's us-east-1 endpoint/);
      assert.match(text, /plan 100 is active on all 3\s+endpoints/);
      // The fields show what the app would show: the speed chosen, the cursor at the start.
      assert.equal(await page.locator('[data-first-paint] .speed-input').inputValue(), '2');
      assert.equal(await page.locator('[data-first-paint] #scrubber-input').inputValue(), '0');
      // Only the stage: the sections below it are the app's to draw.
      assert.equal(await page.locator('[data-first-paint] #fixes, [data-first-paint] .footer').count(), 0);
    } finally {
      await page.close();
    }
  });

  test('the app replaces the copy with the same stage, live, and then draws the rest', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: '.controls' });
    try {
      assert.equal(await page.locator('[data-first-paint]').count(), 0, 'the copy is gone');
      assert.equal(await page.locator('.arch-frame svg').count(), 1, 'one diagram, the live one');
      // Live: a key moves the cursor.
      const progress = page.locator('.narration-progress');
      const before = await progress.textContent();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((was) => document.querySelector('.narration-progress')?.textContent !== was, before);
      // The sections below the stage follow, in their order.
      await page.locator('#sources').waitFor({ state: 'attached' });
      const order = await page.$$eval('main > section[id], main > section[aria-labelledby]', (s) =>
        s.map((e) => e.id || e.getAttribute('aria-labelledby')),
      );
      assert.ok(order.indexOf('cascade') < order.indexOf('sources'), `sections in order: ${order.join(', ')}`);
      assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    } finally {
      await page.close();
    }
  });

  test('keys pressed before the app starts are not lost: the app plays them once it is live', async () => {
    const page = await env.browser.context.newPage();
    try {
      // The wasm arrives late, as on a slow connection.
      await page.route(/\.wasm$/, async (route) => {
        await new Promise((ok) => setTimeout(ok, 1_500));
        await route.continue();
      });
      await page.goto(env.server.url, { waitUntil: 'commit' });
      await page.locator('[data-first-paint] .arch-frame svg').waitFor();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('[data-first-paint]').count() > 0, true, 'pressed while the copy was shown');
      await waitLive(page);
      await page.waitForFunction(() => location.hash === '#v=1&step=3');
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'the keys did not scroll the page');
    } finally {
      await page.close();
    }
  });

  test('a link to another moment, or an embed, shows no copy of the opening moment', async () => {
    for (const hash of ['#v=1&step=40', '#v=1&embed=1']) {
      const page = await openWithoutWasm(env, hash);
      try {
        assert.equal(await page.locator('.arch-frame svg').count(), 0, `${hash}: nothing pre-rendered shown`);
      } finally {
        await page.close();
      }
    }
  });
});

describe('when the app cannot start', () => {
  const env = useServerAndBrowser();

  for (const [name, hash] of [['the page', ''], ['an embed', '#v=1&embed=1']]) {
    test(`${name} says so, with a link, instead of a blank or frozen stage`, async () => {
      const page = await env.browser.context.newPage();
      try {
        await page.route(/\.wasm$/, (route) => route.abort());
        await page.goto(env.server.url + hash, { waitUntil: 'load' });
        const alert = page.locator('#start-failed[role="alert"]');
        await alert.waitFor({ timeout: 10_000 });
        assert.match(await alert.innerText(), /The replay could not start here/);
        const href = await alert.locator('a').getAttribute('href');
        assert.ok(href.startsWith(env.server.url) && !href.includes('embed=1'), href);
      } finally {
        await page.close();
      }
    });
  }

  test('a page that starts shows no such message', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: '.controls' });
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#start-failed').count(), 0);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
