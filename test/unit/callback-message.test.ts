import { afterEach, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { handleCallback } from '../../src/callback.js';

/** A callback page opened with nothing in its address and no opener: it can only show its message. */
function strayCallbackWindow() {
  const win = {
    location: new URL('https://app.test/cb'),
    history: { state: null, replaceState: () => {} },
    opener: null,
    document: document.implementation.createHTMLDocument(),
    close: () => {},
    addEventListener: () => {},
    localStorage: {},
    sessionStorage: {},
  };
  return win as unknown as Window;
}

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

test('the message is the page’s own, shown as text, in the language it names', () => {
  const win = strayCallbackWindow();
  handleCallback({ window: win, message: 'Hier wartet <b>nichts</b>.', lang: 'de' });
  const shown = win.document.body.querySelector('p')!;
  expect(shown.textContent).toBe('Hier wartet <b>nichts</b>.');
  expect(shown.querySelector('b')).toBeNull();
  expect(shown.lang).toBe('de');
});

test('without a language, the message takes the page’s', () => {
  const win = strayCallbackWindow();
  handleCallback({ window: win, message: 'Rien à faire ici.' });
  expect(win.document.body.querySelector('p')!.hasAttribute('lang')).toBe(false);
});

test('without a message, ours; an empty one shows nothing', () => {
  const ours = strayCallbackWindow();
  handleCallback({ window: ours });
  expect(ours.document.body.textContent).toBe('Nothing is waiting for this page. Start again.');
  const empty = strayCallbackWindow();
  handleCallback({ window: empty, message: '' });
  expect(empty.document.body.textContent).toBe('');
});

/** A page running the built callback script from a script tag with `attributes`; resolves with its body. */
async function pageWithCallbackScript(attributes: Record<string, string>): Promise<HTMLElement> {
  // The standalone script as `npm run build` writes it: only a classic script has `document.currentScript`.
  const code = await commands.readFile('dist/oauth-connect-callback.js');
  const frame = document.createElement('iframe');
  frames.push(frame);
  frame.srcdoc = '<!doctype html><html lang="en"><title>Callback</title><body></body></html>';
  const framed = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await framed;
  const page = frame.contentDocument!;
  const script = page.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.src = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const ran = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
  page.head.append(script);
  await ran;
  return page.body;
}

test('the script tag’s data-message and lang word the message of the built script', async () => {
  const body = await pageWithCallbackScript({
    'data-message': 'Hier wartet nichts. Schließen Sie dieses Fenster.',
    lang: 'de',
  });
  const shown = body.querySelector('p')!;
  expect(shown.textContent).toBe('Hier wartet nichts. Schließen Sie dieses Fenster.');
  expect(shown.lang).toBe('de');
});

test('a script tag without them shows ours', async () => {
  const body = await pageWithCallbackScript({});
  expect(body.textContent).toBe('Nothing is waiting for this page. Start again.');
  expect(body.querySelector('p')!.hasAttribute('lang')).toBe(false);
});
