import { afterEach, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import '../../src/oauth-connect.js';

/*
 * The built files, as `npm run build` writes them to dist/: the script-tag bundle and the languages, each one
 * file that is both a classic script and an ES module.
 */

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  frames.splice(0).forEach((frame) => frame.remove());
  document.querySelectorAll('oauth-connect').forEach((element) => element.remove());
});

/** A blob: URL of a file `npm run build` wrote, so the browser loads exactly that file. */
async function built(file: string): Promise<string> {
  const code = await commands.readFile(`dist/${file}`).catch((error: Error) => {
    throw new Error(`dist/${file} is missing: run npm run build first (${error.message})`);
  });
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

/** Runs `file` as a classic `<script src>` in `page`. */
async function loadScript(page: Document, file: string): Promise<void> {
  const script = page.createElement('script');
  script.src = await built(file);
  const ran = new Promise((resolve, reject) => {
    script.addEventListener('load', resolve, { once: true });
    script.addEventListener('error', reject, { once: true });
  });
  page.head.append(script);
  await ran;
}

/** A blank page of its own, with its own globals: as a page that loads only script tags. */
async function blankPage(): Promise<Document> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  frame.srcdoc = '<!doctype html><html lang="fr"><title>Page</title><body></body></html>';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

const label = (element: Element) => element.shadowRoot?.querySelector('[part="label"]')?.textContent;

test('a language script loaded after the bundle turns the elements already shown into that language', async () => {
  const page = await blankPage();
  await loadScript(page, 'oauth-connect.bundle.js');
  const element = page.createElement('oauth-connect');
  page.body.append(element);
  await expect.poll(() => label(element)).toBe('Connect');
  await loadScript(page, 'translations/fr.js');
  await expect.poll(() => label(element)).toBe('Connecter');
});

test('a language script loaded before the bundle is there when the elements first render', async () => {
  const page = await blankPage();
  await loadScript(page, 'translations/fr.js');
  await loadScript(page, 'oauth-connect.bundle.js');
  const element = page.createElement('oauth-connect');
  page.body.append(element);
  await expect.poll(() => label(element)).toBe('Connecter');
});

test('two language scripts on one page live side by side', async () => {
  const page = await blankPage();
  await loadScript(page, 'oauth-connect.bundle.js');
  await loadScript(page, 'translations/fr.js');
  await loadScript(page, 'translations/de.js');
  page.body.innerHTML = '<oauth-connect></oauth-connect><oauth-connect lang="de"></oauth-connect>';
  const [french, german] = page.querySelectorAll('oauth-connect');
  await expect.poll(() => [label(french), label(german)]).toEqual(['Connecter', 'Verbinden']);
});

test('the same file imported as an ES module registers its language for the module build’s elements', async () => {
  const element = document.createElement('oauth-connect');
  element.lang = 'nl';
  document.body.append(element);
  await expect.poll(() => label(element)).toBe('Connect');
  const url = await built('translations/nl.js');
  await import(/* @vite-ignore */ url);
  await expect.poll(() => label(element)).toBe('Verbinden');
});
