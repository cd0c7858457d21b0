import { launchBrowser, openPage, startServer } from './harness.mjs';
const server = await startServer({ root: '/tmp/review-dist' });
const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
const { page, log } = await openPage(browser.context, server.url, { readySelector: '.controls' });
const txt = async () => page.evaluate(() => {
  const n = document.querySelector('.narration');
  const h = n?.querySelector('p, .narration__sentence, [class*=sentence]');
  return (document.querySelector('.narration [class*=event], .narration header')?.innerText || '').replace(/\s+/g,' ').slice(0,60) + ' || ' + (n?.innerText || '').split('\n').slice(0,6).join(' / ').slice(0,300);
});
console.log('hash', await page.evaluate(() => location.href));
for (let i = 0; i < 40; i++) {
  await page.keyboard.press(process.env.KEY || 'PageDown');
  console.log(i + 1, await txt(), '| scrollY', await page.evaluate(() => scrollY), await page.evaluate(() => location.hash));
}
console.log(log);
await browser.close(); await server.close();
