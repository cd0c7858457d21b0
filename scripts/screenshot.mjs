// Screenshots of the built page (dist/), served on 127.0.0.1, at the moment the regional
// record empties (reached with Page Down, as a presenter would):
//   docs/screenshot.png         1280 x 1500 (for the README)
//   docs/screenshot-mobile.png   390 x 844
//   docs/screenshot-explorer.png the explorer panel, 1280 wide, after a search of the
//                                default bound and 1,000 random runs per design
// Extra arguments: --dark also writes the two in the dark colour scheme (*-dark.png).
// Run through scripts/screenshot.sh, which builds dist/ first.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, openPage, REPO_ROOT, runThousandRandomRuns, startServer } from '../tests/browser/harness.mjs';

const READY = '.controls, .verdict--error';
const shots = [
  { file: 'screenshot.png', width: 1280, height: 1500 },
  { file: 'screenshot-mobile.png', width: 390, height: 844 },
];
const schemes = process.argv.includes('--dark') ? ['light', 'dark'] : ['light'];

const outDir = join(REPO_ROOT, 'docs');
await mkdir(outDir, { recursive: true });
const server = await startServer();
try {
  for (const colorScheme of schemes) {
    for (const shot of shots) {
      const browser = await launchBrowser({
        viewport: { width: shot.width, height: shot.height },
        deviceScaleFactor: 1,
        colorScheme,
      });
      try {
        const { page, log } = await openPage(browser.context, server.url, { readySelector: READY });
        const problems = [...log.pageErrors, ...log.consoleErrors];
        if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
        // Page Down through the key moments until the regional endpoint answers ANSWER: 0.
        for (let i = 0; i < 60; i++) {
          const status = await page.locator('.record[data-endpoint="regional"] .record-status').innerText();
          if (/ANSWER: 0/.test(status)) break;
          await page.keyboard.press('PageDown');
          await page.waitForTimeout(30);
        }
        await page.waitForTimeout(700);
        const file = colorScheme === 'dark' ? shot.file.replace('.png', '-dark.png') : shot.file;
        await page.screenshot({ path: join(outDir, file), animations: 'disabled' });
        console.log(`screenshot: docs/${file} (${shot.width} px wide, ${colorScheme})`);
      } finally {
        await browser.close();
      }
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
}
