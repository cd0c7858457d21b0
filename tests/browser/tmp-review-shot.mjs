import { launchBrowser, openPage, startServer } from './harness.mjs';
const server = await startServer({ root: '/tmp/review-dist' });
const widths = (process.env.WIDTHS || '360,390,768,1280,1920').split(',').map(Number);
const schemes = (process.env.SCHEMES || 'light,dark').split(',');
const moments = {
  start: async (p) => {},
  stale: async (p) => { await p.getByRole('button', { name: /first violation/i }).first().click(); },
  empty: async (p) => { for (let i = 0; i < 21; i++) await p.keyboard.press('PageDown'); },
  end: async (p) => { await p.keyboard.press('End'); },
};
const only = process.env.MOMENTS ? process.env.MOMENTS.split(',') : Object.keys(moments);
const clips = ['.arch', '.narration', '.controls', '.sequence', '.records', '.verdict-bar'];
for (const scheme of schemes) for (const w of widths) {
  const browser = await launchBrowser({ viewport: { width: w, height: w < 800 ? 800 : 1000 }, colorScheme: scheme, deviceScaleFactor: 1 });
  try {
    for (const m of only) {
      const { page, log } = await openPage(browser.context, server.url, { readySelector: '.controls' });
      await page.locator('body').click({ position: { x: 1, y: 1 } }).catch(() => {});
      await moments[m](page);
      await page.waitForTimeout(400);
      const base = `/tmp/rv/${scheme}-${w}-${m}`;
      await page.screenshot({ path: `${base}-full.png`, fullPage: true, animations: 'disabled' });
      await page.screenshot({ path: `${base}-view.png`, animations: 'disabled' });
      if (process.env.CLIPS) for (const c of clips) {
        const l = page.locator(c).first();
        if (await l.count()) await l.screenshot({ path: `${base}${c.replace('.', '-')}.png`, animations: 'disabled' }).catch(e => console.log(c, e.message));
      }
      const hash = await page.evaluate(() => location.hash);
      console.log(scheme, w, m, hash, [...log.pageErrors, ...log.consoleErrors].join('|') || 'ok');
      await page.close();
    }
  } finally { await browser.close(); }
}
await server.close();
