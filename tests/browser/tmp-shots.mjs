import { launchBrowser, openPage, startServer } from './harness.mjs';
const server = await startServer();
const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
const shot = async (hash, file, fn) => {
  const { page, log } = await openPage(browser.context, `${server.url}${hash}`, { readySelector: '.controls, .embed, .verdict--error' });
  if (fn) await fn(page);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/${file}.png` });
  console.log(file, [...log.pageErrors, ...log.consoleErrors]);
  await page.close();
};
await shot('#v=1&step=120&drive=1', 'drive', async (p) => { await p.locator('.scheduler').scrollIntoViewIfNeeded(); });
await shot('#v=1&step=120', 'share', async (p) => { await p.getByRole('button', { name: 'Share or embed' }).click(); });
await shot('#v=1&step=250&embed=1&theme=dark', 'embed');
await shot('#v=1&s=calm&seed=5&backoff_ms_max=9000&fork=40&pick=PABR', 'strip');
await browser.close(); await server.close();
