// The page's first paint, pre-rendered: Trunk's post_build hook (Trunk.toml) runs this on the
// staging directory. It opens the built page in headless Chromium, once wide and once narrow,
// takes the stage as the app first shows it (the header, the diagram, the sentence, the
// controls; the sections below it are drawn in the frames after), and writes both into
// index.html in place of the <!-- first-paint --> marker, as two <template>s and a small
// inline script that shows the one that fits the window.
//
// So the diagram is on screen as soon as the HTML and CSS are, without waiting for the wasm;
// when the app has built the same stage live (src/ui/app.rs, `part`), it shows it and removes
// the copy in one task. A
// link with settings (a `=` in its hash) or an embed opens elsewhere than the opening moment:
// the script then shows nothing, and the app paints it.
//
// Without Chromium (scripts/setup.sh installs it) the page is left without the copy, with a
// warning: it still works, only its first paint waits for the wasm.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const MARKER = '<!-- first-paint -->';
/** Window sizes of the two copies: a laptop, and a phone (the diagram's narrow layout). */
const WIDE = { width: 1400, height: 900 };
const NARROW = { width: 390, height: 844 };
/** The first paint is the first render that shows the architecture diagram. */
const DIAGRAM = '.arch-frame svg';
/** The keys that drive the replay (src/ui/playback.rs, `key_action`), kept until the app starts. */
const REPLAY_KEYS = ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', ' '];
/** At most this many kept keys: a held key repeats. */
const KEPT_KEYS_MAX = 20;
/** Past this, the build goes on without the copy. */
const TIMEOUT_MS = 30_000;

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('first-paint.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)');
const indexFile = join(staging, 'index.html');
const html = await readFile(indexFile, 'utf8');
if (!html.includes(MARKER)) process.exit(0); // another page (bench/index.html): nothing to do

/** Drops the marker, with `why` on stderr: the page then paints when its wasm has started. */
async function without(why) {
  console.warn(`first-paint: ${why}; the page is built without its pre-rendered first paint`);
  await writeFile(indexFile, html.replace(MARKER, ''));
  process.exit(0);
}

// The browser tests' harness (playwright-core, from `npm ci`), imported only now: a build of
// another page, or one without the node tools, needs none of it.
const harness = await import('../tests/browser/harness.mjs').catch((error) => without(`${error.message.split('\n')[0]}`));
const { CHROMIUM_PATH, launchSharedBrowser, startServer } = harness;
if (!existsSync(CHROMIUM_PATH)) await without(`no Chromium at ${CHROMIUM_PATH}`);

/**
 * Runs in the page before its scripts: resolves `window.__firstPaint` with the body's
 * children as HTML (each marked `data-first-paint`) once the app has shown its stage with
 * the diagram. A MutationObserver's callback runs right after the task that rendered, so
 * nothing drawn after the first paint is taken.
 */
function captureFirstRender(selector) {
  window.__firstPaint = new Promise((resolve) => {
    const take = () => {
      const parts = [...document.body.children]
        .filter((e) => !['SCRIPT', 'NOSCRIPT', 'TEMPLATE'].includes(e.tagName))
        .map((e) => {
          const copy = e.cloneNode(true);
          copy.setAttribute('data-first-paint', '');
          // What the app set as properties (a field's value, a choice, a switch) is not in
          // the markup: write it there, so that the copy shows the same.
          const fields = (root) => root.querySelectorAll('input, select, textarea');
          const copies = fields(copy);
          fields(e).forEach((field, i) => {
            const twin = copies[i];
            if (field.type === 'checkbox' || field.type === 'radio') twin.toggleAttribute('checked', field.checked);
            else if (field.tagName === 'SELECT')
              [...twin.options].forEach((o, k) => o.toggleAttribute('selected', k === field.selectedIndex));
            else if (field.tagName === 'TEXTAREA') twin.textContent = field.value;
            else twin.setAttribute('value', field.value);
          });
          return copy.outerHTML;
        });
      const narrowBelow = document.querySelector('[data-narrow-window-below]')?.dataset.narrowWindowBelow;
      resolve({ html: parts.join(''), narrowBelow: Number(narrowBelow) });
    };
    // The app builds its stage hidden (`data-assembling`) and shows it whole.
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector) && !document.querySelector('[data-assembling]')) {
        observer.disconnect();
        take();
      }
    });
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-assembling'] }),
    );
  });
}

const server = await startServer({ root: staging });
const browser = await launchSharedBrowser();
let copies;
try {
  copies = await Promise.all(
    [WIDE, NARROW].map(async (viewport) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.addInitScript(captureFirstRender, DIAGRAM);
      await page.goto(server.url, { timeout: TIMEOUT_MS });
      const copy = await page.evaluate(() => window.__firstPaint);
      await context.close();
      return copy;
    }),
  );
} catch (error) {
  await browser.close();
  await server.close();
  await without(`the built page did not render (${error.message.split('\n')[0]})`);
}
await browser.close();
await server.close();

const [wide, narrow] = copies;
if (!wide.html.includes('arch-frame') || !(wide.narrowBelow > 0)) {
  await without('the first render held no diagram');
}
// The same choice as the diagram's own first render (NARROW_WINDOW_BELOW_PX), by the window's
// width. Only for the opening moment: a hash with settings opens somewhere else. Until the
// app starts, the replay's keys are kept (and do not scroll the copy), and handed to the app
// once it listens: the task after its first render (its diagram in, the copy gone).
const chooser = `(function () {
  if (/[=&]/.test(location.hash)) return;
  var id = window.innerWidth < ${wide.narrowBelow} ? 'first-paint-narrow' : 'first-paint-wide';
  var copy = document.getElementById(id);
  if (!copy) return;
  document.body.appendChild(copy.content.cloneNode(true));
  var replayKeys = ${JSON.stringify(REPLAY_KEYS)}, kept = [];
  var keep = function (e) {
    if (replayKeys.indexOf(e.key) < 0 || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    if (kept.length < ${KEPT_KEYS_MAX}) kept.push({ key: e.key, shiftKey: e.shiftKey });
  };
  document.addEventListener('keydown', keep);
  new MutationObserver(function (changes, observer) {
    if (document.querySelector('[data-first-paint]') || !document.querySelector('.arch-frame')) return;
    observer.disconnect();
    document.removeEventListener('keydown', keep);
    setTimeout(function () {
      kept.forEach(function (k) {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: k.key, shiftKey: k.shiftKey, bubbles: true, cancelable: true }));
      });
    }, 0);
  }).observe(document.body, { childList: true, subtree: true });
})();`;
const block = [
  `<template id="first-paint-wide">${wide.html}</template>`,
  `<template id="first-paint-narrow">${narrow.html}</template>`,
  `<script>${chooser}</script>`,
].join('\n    ');
await writeFile(indexFile, html.replace(MARKER, block));
console.log(
  `first-paint: pre-rendered the opening moment into index.html (${wide.html.length} + ${narrow.html.length} characters)`,
);
