// Links: a link with mitigations and a step opens at that moment; the link follows the
// learner, Back returns to the design before; a hostile link shows what it ignored and
// opens the rest.
// Run: trunk build --release && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const hash = (page) => page.evaluate(() => location.hash);

describe('links', () => {
  const env = useServerAndBrowser();

  test('a link with a mitigation and a step opens at that moment', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&m=conditional-write&step=254`, { readySelector: READY });
    assert.match(await progress(page), /Event 254 of \d+/);
    assert.ok(await page.getByRole('switch', { name: /conditional-write/ }).isChecked());
    assert.match(await page.locator('.verdict-bar').innerText(), /Survived/);
    assert.equal(await page.locator('.link-notice').count(), 0, 'nothing to complain about');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('the link follows the learner, and Back returns to the design before', async () => {
    const { page } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    assert.equal(await hash(page), '', 'the incident at its start is the bare page');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash === '#v=1&step=2');
    await page.getByRole('switch', { name: /safe-cleanup/ }).check();
    await page.waitForFunction(() => location.hash.startsWith('#v=1&m=safe-cleanup'));
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#v=1&step=2');
    await page.waitForFunction(() => !document.querySelector('#mitigation-safe-cleanup')?.checked);
    assert.match(await progress(page), /Event 2 of/);
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('#mitigation-safe-cleanup')?.checked);
    // During playback the address rests; when it stops, it holds the step reached.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Space');
    await page.waitForTimeout(700);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('.btn--play')?.getAttribute('aria-pressed') === 'false');
    const at = Number((await progress(page)).match(/Event (\d+)/)[1]);
    assert.ok(at > 2, 'playback moved on');
    await page.waitForFunction((step) => location.hash.endsWith(`&step=${step}`), at);
    await page.close();
  });

  test('a switch right after a step keeps the step in history: Back returns to it', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&step=10`, { readySelector: READY });
    // The step's address waits for the cursor to rest (150 ms); the switch comes first.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /Event 11 of/.test(document.querySelector('.narration-progress')?.textContent ?? ''));
    await page.getByRole('switch', { name: /safe-cleanup/ }).check();
    await page.waitForFunction(() => location.hash.includes('m=safe-cleanup'));
    assert.match(await hash(page), /step=11/);
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#v=1&step=11');
    await page.waitForFunction(() => /Event 11 of/.test(document.querySelector('.narration-progress')?.textContent ?? ''));
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a hostile link names what it ignored and opens the rest', async () => {
    const hostile = `#v=1&m=magic,self-repair&step=99999&zoom=${encodeURIComponent('<img src=x onerror=alert(1)>')}`;
    const { page, log } = await openPage(env.browser.context, `${env.server.url}${hostile}`, { readySelector: READY });
    const notice = await page.locator('.link-notice').innerText();
    assert.match(notice, /m=magic: no such mitigation/);
    assert.match(notice, /zoom=<img src=x onerror=alert\(1\)>: not a setting this page knows/);
    assert.match(notice, /step=99999: the run has \d+ events; showing the last/);
    assert.equal(await page.locator('img[src=x]').count(), 0, 'shown as text, never as markup');
    assert.ok(await page.getByRole('switch', { name: /self-repair/ }).isChecked());
    assert.match(await progress(page), /Event (\d+) of \1$/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('.link-notice').waitFor({ state: 'detached' });
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('a link of another version opens the default incident and says so', async () => {
    const { page } = await openPage(env.browser.context, `${env.server.url}#v=9&step=3`, { readySelector: READY });
    assert.match(await page.locator('.link-notice').innerText(), /version 9 is not one this page reads/);
    assert.match(await progress(page), /Before the first event/i);
    await page.close();
  });
});
