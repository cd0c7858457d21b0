// The built site under a sub-path: dist/ copied into a folder of a plain static server
// (https://example.org/blog/dns-race/) works as at the root, since every asset URL is
// relative (Trunk.toml's public_url): the page, its first paint, its worker.
// Run: trunk build --release && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, READY, startSiteWithDistUnder } from './harness.mjs';

describe('under a sub-path', () => {
  const env = {};
  before(async () => {
    env.site = await startSiteWithDistUnder('blog/dns-race');
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });

  test('the page loads every file from its own folder, paints, goes live and runs its worker', async () => {
    const url = env.site.url;
    const { page, log } = await openPage(env.browser.context, url, { readySelector: READY });
    assert.deepEqual(log.badResponses, [], 'no file asked for outside the folder');
    assert.ok(
      log.requests.filter((r) => !r.startsWith('data:')).every((r) => r.startsWith(url)),
      `every request under ${url}`,
    );
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash === '#v=1&step=1');
    assert.equal(new URL(page.url()).pathname, '/blog/dns-race/', 'the address keeps its folder');
    await page.locator('#cascade').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#cascade')?.getAttribute('aria-busy') === 'false', null, {
      timeout: 60_000,
    });
    assert.equal(await page.locator('#cascade').getAttribute('data-cascade-where'), 'worker');
    assert.deepEqual(log.badResponses, []);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });
});
