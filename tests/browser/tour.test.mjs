// The guided tour and presenter mode: a chapter link opens at the chapter's moment with its
// text; the next chapter moves the cursor and the address, Back returns; a prompt's answer
// appears only after the step; presenter mode has large type, notes and clicker keys, and
// `B` blanks the screen until a key is pressed.
// Run: trunk build --release && node --test tests/browser/tour.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, progress, READY, useServerAndBrowser } from './harness.mjs';

const eventNumber = async (page) => Number((await progress(page)).match(/Event (\d+)/)?.[1] ?? 0);
const title = (page) => page.locator('.tour-title').textContent();
const noErrors = (log) => assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);

describe('guided tour', () => {
  const env = useServerAndBrowser();

  test('a chapter link without a step opens at the chapter’s moment, with its text', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&chapter=empty`, { readySelector: READY });
    assert.equal(await title(page), 'The empty record');
    assert.match(await page.locator('.tour-kicker').textContent(), /Chapter 3 of 12/);
    assert.match(await page.locator('.tour-text').innerText(), /NOERROR with zero addresses/);
    // The cursor is at the clean-up that deleted the active plan: the record is empty.
    assert.match(await page.locator('.narration-sentence').textContent(), /cleans up .* zero addresses/);
    assert.match(await page.locator('.records').innerText(), /ANSWER: 0/);
    const at = await eventNumber(page);
    assert.ok(at > 0);
    await page.waitForFunction((step) => location.hash === `#v=1&step=${step}&chapter=empty`, at);
    assert.equal(await page.locator('.link-notice').count(), 0);
    noErrors(log);
    await page.close();
  });

  test('the top bar’s button starts the tour; next chapter moves the cursor and the address; Back returns', async () => {
    const { page, log } = await openPage(env.browser.context, env.server.url, { readySelector: READY });
    await page.getByRole('button', { name: 'Start the guided tour' }).click();
    assert.equal(await title(page), 'The design');
    await page.waitForFunction(() => location.hash.includes('chapter=design'));
    assert.match(await progress(page), /Before the first event/);

    await page.getByRole('button', { name: 'Next chapter →' }).click();
    assert.equal(await title(page), 'The race');
    await page.waitForFunction(() => /^#v=1&step=\d+&chapter=race$/.test(location.hash));
    const race = await eventNumber(page);
    assert.ok(race > 0, 'the race starts after the first event');
    assert.match(await page.locator('.narration-sentence').textContent(), /Enactor A picks up plan \d+/);

    // Jump from the list of chapters.
    await page.locator('.tour-chapters').getByRole('button', { name: /Stuck/ }).click();
    assert.equal(await title(page), 'Stuck');
    assert.match(await page.locator('.narration-sentence').textContent(), /cannot write .* no longer exist/);
    await page.waitForFunction(() => location.hash.includes('chapter=stuck'));

    await page.goBack();
    await page.waitForFunction(() => location.hash.includes('chapter=race'));
    await page.waitForFunction(() => document.querySelector('.tour-title')?.textContent === 'The race');
    assert.equal(await eventNumber(page), race, 'Back returns to the race, at its moment');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.tour-title')?.textContent === 'The design');
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('.tour-title')?.textContent === 'The race');

    await page.getByRole('button', { name: 'Leave the guided tour' }).first().click();
    await page.locator('.tour').waitFor({ state: 'detached' });
    await page.waitForFunction(() => !location.hash.includes('chapter='));
    noErrors(log);
    await page.close();
  });

  test('a prompt’s answer appears only after the step', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&chapter=race`, { readySelector: READY });
    const at = await eventNumber(page);
    const prompt = page.locator('.prompt');
    assert.match(await prompt.locator('.prompt-question').textContent(), /What happens next|lock/);
    await prompt.getByRole('button', { name: /backs off to retry later/ }).click();
    assert.equal(await prompt.locator('.prompt-answer').innerText(), '', 'no answer before the step');
    assert.equal(await eventNumber(page), at, 'guessing does not move the cursor');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.prompt-answer')?.textContent.includes('Right.'));
    assert.equal(await eventNumber(page), at + 1);
    assert.match(await page.locator('.narration-sentence').textContent(), /Enactor A finds the lock .* held by Enactor C/);
    assert.match(await prompt.locator('.prompt-answer').innerText(), /backs off for a minute \(assumed\)/);

    // "Show me" steps for the learner; a wrong guess is marked.
    await page.locator('.tour-chapters').getByRole('button', { name: /The empty record/ }).click();
    const empty = await eventNumber(page);
    await prompt.getByRole('button', { name: /raises an alarm/ }).click();
    assert.equal(await prompt.locator('.prompt-answer').innerText(), '');
    await prompt.getByRole('button', { name: 'Show me' }).click();
    await page.waitForFunction(() => document.querySelector('.prompt-answer')?.textContent.includes('Not quite.'));
    assert.equal(await eventNumber(page), empty + 1);
    assert.match(await page.locator('.narration-sentence').textContent(), /Enactor C takes the lock on the regional endpoint/);
    assert.equal(await prompt.locator('.prompt-choice--wrong').count(), 1);
    assert.equal(await prompt.locator('.prompt-choice--right').count(), 1);
    noErrors(log);
    await page.close();
  });

  test('over another scenario the tour offers to open the incident', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&chapter=stuck&m=safe-cleanup`, { readySelector: READY });
    assert.match(await page.locator('.tour-elsewhere').innerText(), /follows the 2025 incident without mitigations/);
    await page.getByRole('button', { name: /Open “Stuck” in the incident/ }).click();
    await page.waitForFunction(() => location.hash.includes('chapter=stuck') && !location.hash.includes('m='));
    await page.waitForFunction(() => /cannot write .* no longer exist/.test(document.querySelector('.narration-sentence')?.textContent ?? ''));
    assert.equal(await page.locator('.tour-elsewhere').count(), 0);

    // The last chapter keeps the switches, and says what became of the record.
    await page.locator('.tour-chapters').getByRole('button', { name: /Try a mitigation/ }).click();
    assert.match(await page.locator('.tour-outcome').innerText(), /did not survive/);
    await page.locator('.tour-switches').getByRole('button', { name: 'conditional-write' }).click();
    await page.waitForFunction(() => /survived/.test(document.querySelector('.tour-outcome')?.textContent ?? '') &&
      !/did not/.test(document.querySelector('.tour-outcome')?.textContent ?? ''));
    await page.waitForFunction(() => location.hash.includes('m=conditional-write') && location.hash.includes('chapter=try'));
    noErrors(log);
    await page.close();
  });

  test('presenter mode: large type, notes, clicker keys, a black screen until a key', async () => {
    const { page, log } = await openPage(env.browser.context, `${env.server.url}#v=1&chapter=race`, { readySelector: READY });
    const sentenceSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.narration-sentence')).fontSize));
    const normal = await sentenceSize();
    await page.getByRole('button', { name: 'Present' }).click();
    await page.waitForFunction(() => location.hash.includes('present=1'));
    assert.ok((await sentenceSize()) >= normal * 1.2, 'large type');
    assert.ok(await page.locator('.page--present').isVisible());
    const notes = page.locator('.presenter-notes');
    assert.match(await notes.innerText(), /Speaker notes · The race/);
    assert.match(await notes.innerText(), /what A's check is worth/);
    for (const hidden of ['.explorer', '.assumptions', '.sources', '.footer']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is hidden`);
    }
    await page.evaluate(() => document.activeElement?.blur());

    // A clicker's Page Down turns the chapter; arrows still step.
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => document.querySelector('.tour-title')?.textContent === 'The empty record');
    const empty = await eventNumber(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => document.querySelector('.narration-progress')?.textContent.includes(`Event ${n} `), empty + 1);
    await page.keyboard.press('PageUp');
    await page.waitForFunction(() => document.querySelector('.tour-title')?.textContent === 'The race');
    assert.match(await notes.innerText(), /The race/);

    // B blanks; any key restores and does nothing else.
    const before = await eventNumber(page);
    await page.keyboard.press('b');
    const blank = page.locator('.blank-screen');
    await blank.waitFor({ state: 'visible' });
    const box = await blank.boundingBox();
    assert.ok(box.width >= 1200 && box.height >= 800, 'it covers the screen');
    assert.equal(await blank.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(0, 0, 0)');
    await page.keyboard.press('ArrowRight');
    await blank.waitFor({ state: 'detached' });
    assert.equal(await eventNumber(page), before, 'the key that restores does not step');
    await page.keyboard.press('.');
    await blank.waitFor({ state: 'visible' });
    await page.keyboard.press('x');
    await blank.waitFor({ state: 'detached' });

    // The current event glows in both diagrams.
    assert.ok(await page.locator('.page--present .seq-mark--current').count() >= 1);
    const glow = await page.locator('.seq-mark--current .seq-glyph').first().evaluate((e) => getComputedStyle(e).filter);
    assert.match(glow, /drop-shadow/);

    // Escape leaves presenter mode.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !location.hash.includes('present=1'));
    await page.locator('.page--present').waitFor({ state: 'detached' });
    assert.equal(await sentenceSize(), normal);
    assert.equal(await page.locator('.presenter-notes').count(), 0);
    noErrors(log);
    await page.close();
  });
});
