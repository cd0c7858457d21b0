// Accessibility: axe-core (pinned in package.json) finds no serious or critical violation
// (contrast, names, roles, labels) on the page at the empty record, in light and dark
// colours, with the guided tour open, and in an embed.
// Run: trunk build --release && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchSharedBrowser, openPage, READY, REPO_ROOT, startServer } from './harness.mjs';

const AXE = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');
/** The empty record: the verdict bar's "regional: ANSWER: 0" badge is on screen. */
const EMPTY = '#v=1&step=258';

describe('accessibility', () => {
  const env = {};
  before(async () => {
    env.axe = await readFile(AXE, 'utf8');
    env.server = await startServer();
    env.browser = await launchSharedBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });

  for (const [name, hash, colorScheme] of [
    ['the empty record, light', EMPTY, 'light'],
    ['the empty record, dark', EMPTY, 'dark'],
    ['the guided tour', '#v=1&chapter=empty', 'light'],
    ['an embed', `${EMPTY}&embed=1`, 'light'],
  ]) {
    test(`no serious or critical violation: ${name}`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      try {
        const { page } = await openPage(context, env.server.url + hash, { readySelector: READY });
        // Every section drawn (they follow the stage, one per frame).
        await page.locator('#sources, .embed').first().waitFor({ state: 'attached' });
        await page.addScriptTag({ content: env.axe });
        const violations = await page.evaluate(async () => {
          const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
          return violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('; ')}`);
        });
        assert.deepEqual(violations, []);
      } finally {
        await context.close();
      }
    });
  }
});
