import { launchBrowser, openPage, startServer } from './harness.mjs';
const server = await startServer();
for (const colorScheme of ['light', 'dark']) {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme });
  const { page, log } = await openPage(browser.context, `${server.url}#v=1&policy=immediate&vs=full-jitter&at=0600`, { readySelector: '.controls' });
  await page.locator('#cascade-chart-nlb path').first().waitFor({ state: 'attached', timeout: 60000 });
  await page.waitForTimeout(500);
  await page.locator('#cascade').screenshot({ path: `/tmp/cascade-${colorScheme}.png` });
  console.log(colorScheme, log.consoleErrors, log.pageErrors);
  await browser.close();
}
await server.close();
