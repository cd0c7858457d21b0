// The replay's keys work whatever the learner used last: a switch, a dropdown, a button, a
// mark of the sequence diagram; Enter flips a switch; a dialog and a text field keep their
// keys; focus never falls to the page's body after a key.
// Run: trunk build --release && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const step = (page) => page.evaluate(() => Number(new URLSearchParams(location.hash.slice(1)).get('step') ?? 0));
/** Presses `key` and waits until the link's step is `expected`. */
async function pressAndExpect(page, key, expected) {
  await page.keyboard.press(key);
  await page.waitForFunction((s) => Number(new URLSearchParams(location.hash.slice(1)).get('step') ?? 0) === s, expected);
}

describe('keys after any control', () => {
  const env = useServerAndBrowser({ viewport: { width: 1280, height: 720 } });

  test('after a switch was clicked, → steps, Space plays and pauses, and the switch stays as set', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=10`, { readySelector: READY });
    const fix = page.locator('input.mitigation-switch').first();
    await fix.click();
    await page.waitForFunction(() => location.hash.includes('m='));
    assert.equal(await fix.isChecked(), true);
    const at = await step(page);
    await pressAndExpect(page, 'ArrowRight', at + 1);
    // Page Down and Page Up jump between key moments.
    await page.keyboard.press('PageDown');
    await page.waitForFunction((s) => Number(new URLSearchParams(location.hash.slice(1)).get('step')) > s, at + 1);
    const jumped = await step(page);
    await page.keyboard.press('PageUp');
    await page.waitForFunction((s) => Number(new URLSearchParams(location.hash.slice(1)).get('step')) < s, jumped);
    const play = page.locator('.btn--play');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'true');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'false');
    assert.equal(await play.getAttribute('aria-pressed'), 'false');
    assert.equal(await fix.isChecked(), true, 'Space did not flip the switch');
    // Enter flips it, for a keyboard.
    await fix.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !location.hash.includes('m='));
    assert.equal(await fix.isChecked(), false);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('after the scenario dropdown or a button, the arrows step; a text field and a dialog keep their keys', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=10`, { readySelector: READY });
    await page.locator('.scenario-strip select').focus();
    await pressAndExpect(page, 'ArrowRight', 11);
    assert.equal(await page.locator('.scenario-strip select').inputValue(), 'incident', 'the scenario stays');
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.waitForFunction(() => location.hash.includes('step=12'));
    await pressAndExpect(page, 'ArrowLeft', 11);
    // The seed field takes its keys.
    const seed = page.locator('.scenario-strip input').first();
    await seed.focus();
    const before = await progress(page);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    assert.equal(await progress(page), before, 'keys typed in a field stay there');
    // So does the share dialog.
    await page.getByRole('button', { name: 'Share or embed' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('ArrowRight');
    assert.equal(await progress(page), before);
    await page.keyboard.press('Escape');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('on the sequence diagram, → steps and the focus stays on the diagram', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=40`, { readySelector: READY });
    await page.locator('.seq-mark[tabindex="0"]').focus();
    for (let i = 1; i <= 3; i++) {
      await pressAndExpect(page, 'ArrowRight', 40 + i);
      const inside = await page.evaluate(() => Boolean(document.activeElement?.closest('.sequence-svg')));
      assert.equal(inside, true, `after → number ${i}, focus is in the diagram, not on the body`);
    }
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
