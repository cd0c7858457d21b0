// Screenshots of the built page (dist/), served on 127.0.0.1, as its users see it:
//   docs/screenshot.png          1280 x 720, the stage at the empty record (Page Down, as a
//                                presenter would)
//   docs/screenshot-tour.png     1400 x 900, the guided tour's chapter beside the diagram
//   docs/screenshot-present.png  1280 x 720, presenter mode at "The empty record"
//   docs/screenshot-mobile.png   390 x 844, a phone, the bar of controls at the bottom
//   docs/screenshot-embed.png    a 700 px figure pasted into a blog page of another origin
//   docs/screenshot-explorer.png the explorer panel, 1280 wide, after a search of the
//                                default bound and 1,000 random runs per design
// Extra arguments: --dark also writes the stage and the phone in the dark colour scheme
// (*-dark.png). Run through scripts/screenshot.sh, which builds dist/ first.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, REPO_ROOT, runThousandRandomRuns, startServer } from '../tests/browser/harness.mjs';

const READY = '.controls, .verdict--error';
const schemes = process.argv.includes('--dark') ? ['light', 'dark'] : ['light'];
const shots = [
  { file: 'screenshot.png', width: 1280, height: 720, hash: '', toEmpty: true, dark: true },
  { file: 'screenshot-tour.png', width: 1400, height: 900, hash: '#v=1&chapter=empty' },
  { file: 'screenshot-present.png', width: 1280, height: 720, hash: '#v=1&chapter=empty&present=1' },
  { file: 'screenshot-mobile.png', width: 390, height: 844, hash: '', toEmpty: true, dark: true },
];

const outDir = join(REPO_ROOT, 'docs');
await mkdir(outDir, { recursive: true });
const server = await startServer({ cors: false });
const hostDir = await mkdtemp(join(tmpdir(), 'dns-race-blog-'));
await writeFile(
  join(hostDir, 'index.html'),
  '<!doctype html><title>A blog</title><link rel="icon" href="data:,"><body style="margin:0;background:#fff;font:17px/1.6 Georgia,serif;color:#222">' +
    '<article style="width:700px;margin:24px auto"><h2 style="margin:0 0 8px">How a check that runs once goes stale</h2>' +
    '<p style="margin:0 0 16px">At 23:48 PDT, Enactor B deleted the plan that Enactor A had just made live on the regional endpoint:</p></article></body>',
);
const host = await startServer({ root: hostDir });
try {
  for (const colorScheme of schemes) {
    for (const shot of shots) {
      if (colorScheme === 'dark' && !shot.dark) continue;
      const browser = await launchBrowser({
        viewport: { width: shot.width, height: shot.height },
        deviceScaleFactor: 1,
        colorScheme,
        hasTouch: shot.width < 600,
      });
      try {
        const { page, log } = await openPage(browser.context, server.url + shot.hash, { readySelector: READY });
        const problems = [...log.pageErrors, ...log.consoleErrors];
        if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
        // Page Down through the key moments until the regional endpoint answers ANSWER: 0.
        for (let i = 0; shot.toEmpty && i < 60; i++) {
          const status = await page.locator('.record[data-endpoint="regional"] .record-status').innerText();
          if (/ANSWER: 0/.test(status)) break;
          await page.keyboard.press('PageDown');
          await page.waitForTimeout(30);
        }
        await page.waitForTimeout(700);
        const file = colorScheme === 'dark' ? shot.file.replace('.png', '-dark.png') : shot.file;
        await page.screenshot({ path: join(outDir, file), animations: 'disabled' });
        console.log(`screenshot: docs/${file} (${shot.width} x ${shot.height}, ${colorScheme})`);
      } finally {
        await browser.close();
      }
    }
  }
  {
    // The share dialog's snippet for a one-moment figure, pasted into the blog page.
    const browser = await launchBrowser({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
    try {
      const { page: source } = await openPage(browser.context, `${server.url}#v=1&step=258`, { readySelector: READY });
      await source.getByRole('button', { name: 'Share or embed' }).click();
      await source.getByLabel('From event').fill('250');
      await source.getByLabel('to', { exact: true }).fill('262');
      const snippet = await source.locator('#share-snippet').inputValue();
      await source.close();
      const page = await browser.context.newPage();
      await page.goto(host.url);
      await page.evaluate((html) => {
        const box = document.createElement('div');
        box.innerHTML = html;
        const script = document.createElement('script');
        script.textContent = box.querySelector('script').textContent;
        document.querySelector('article').append(box.querySelector('iframe'), script);
        const after = document.createElement('p');
        after.textContent = 'The alias now points at a tree that no longer exists, and DNS answers NOERROR with no addresses.';
        document.querySelector('article').append(after);
      }, snippet);
      await page.frameLocator('iframe').locator('.embed').waitFor();
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(outDir, 'screenshot-embed.png'), fullPage: true, animations: 'disabled' });
      console.log('screenshot: docs/screenshot-embed.png (a 700 px figure in a blog of another origin)');
    } finally {
      await browser.close();
    }
  }
  for (const colorScheme of schemes) {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme });
    try {
      const { page } = await openPage(browser.context, server.url, { readySelector: READY });
      await page.locator('.explorer').scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: 'Check every interleaving' }).click();
      await page.locator('.search-result').waitFor({ timeout: 60_000 });
      await runThousandRandomRuns(page, { timeout: 300_000 });
      // The sticky verdict bar would sit across the panel's picture.
      await page.addStyleTag({ content: '.verdict-bar { visibility: hidden; }' });
      const file = colorScheme === 'dark' ? 'screenshot-explorer-dark.png' : 'screenshot-explorer.png';
      await page.locator('.explorer').screenshot({ path: join(outDir, file), animations: 'disabled' });
      console.log(`screenshot: docs/${file} (the explorer, ${colorScheme})`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
  await host.close();
  await rm(hostDir, { recursive: true, force: true });
}
