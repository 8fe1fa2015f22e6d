import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translations } from '../../src/i18n/registry.js';
import { en, type OAuthConnectStrings } from '../../src/i18n/strings.js';
import type { OAuthConnectElement } from '../../src/oauth-connect.js';
import '../../src/translations/de.js';
import '../../src/translations/es.js';
import '../../src/translations/fr.js';
import '../../src/translations/it.js';
import '../../src/translations/ja.js';
import '../../src/translations/nl.js';
import '../../src/translations/pl.js';
import '../../src/translations/pt.js';
import { button, disconnectButton, mountWidget, nextEvent } from './element-helpers.js';

const LANGUAGES = ['de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt'];
/** The same in every language. */
const NEUTRAL = new Set<keyof OAuthConnectStrings>(['dir', 'instancePlaceholder']);
const VALUES = { provider: 'Kanka', account: 'ada@example.test' };

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map(([name]) => name).sort();

/** `text` with its placeholders filled as the element fills them. */
const fill = (text: string, label: string) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => ({ ...VALUES, label })[name as 'label']);

/** Every English text, filled in as the element would show it, for the same provider and account. */
const english = new Set(
  Object.entries(en)
    .filter(([key]) => !NEUTRAL.has(key as keyof OAuthConnectStrings) && key !== 'lang')
    .map(([, text]) => fill(text, en.connect)),
);

/**
 * Everything the element shows or announces: the text of its shadow root (hidden text too, which is what
 * `aria-describedby` reads) and its labels and placeholders.
 */
function spokenTexts(element: OAuthConnectElement): string[] {
  const root = element.shadowRoot!;
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts.push(walker.currentNode.textContent!.trim());
  for (const part of root.querySelectorAll('*')) {
    for (const name of ['aria-label', 'placeholder', 'title']) texts.push(part.getAttribute(name) ?? '');
  }
  return texts.filter(Boolean);
}

const englishIn = (element: OAuthConnectElement) => spokenTexts(element).filter((text) => english.has(text));

describe.each(LANGUAGES)('%s', (lang) => {
  const strings = () => translations.get(lang) as OAuthConnectStrings;

  test('has every text, in its own words, with the placeholders of the English one', () => {
    expect(strings()).toMatchObject({ lang, dir: 'ltr' });
    for (const [key, text] of Object.entries(en) as [keyof OAuthConnectStrings, string][]) {
      if (key === 'lang') continue;
      const translated = strings()[key];
      expect(translated, key).toBeTypeOf('string');
      if (!NEUTRAL.has(key)) expect(translated, key).not.toBe(text);
      expect(placeholders(translated), key).toEqual(placeholders(text));
    }
  });

  test('pending: no English shown or in an accessible name', async () => {
    const { element, popups } = await mountWidget({ outcome: 'wait', attributes: { lang, provider: 'Kanka' } });
    const { connect, connectWith, waiting, cancel } = strings();
    await expect.element(page.getByRole('button', { name: fill(connectWith, connect), exact: true })).toBeVisible();
    await userEvent.click(button(element));
    await expect.element(page.getByRole('status')).toHaveTextContent(fill(waiting, connect));
    await expect.element(page.getByRole('button', { name: cancel, exact: true })).toBeVisible();
    expect(englishIn(element)).toEqual([]);
    element.abort();
    await expect.poll(() => popups[0].closed).toBe(true);
  });

  test('exchanging: no English shown or in an accessible name', async () => {
    const { element } = await mountWidget({ attributes: { lang }, respond: () => new Promise(() => {}) });
    const code = nextEvent(element, 'oauth-connect-code');
    await userEvent.click(button(element));
    await code;
    await expect.element(page.getByRole('status')).toHaveTextContent(strings().finishing);
    expect(englishIn(element)).toEqual([]);
    element.abort();
  });

  test('error: no English shown or in an accessible name', async () => {
    const { element } = await mountWidget({ outcome: 'denied', attributes: { lang, provider: 'Kanka' } });
    const error = nextEvent(element, 'oauth-connect-error');
    await userEvent.click(button(element));
    await error;
    await expect.element(page.getByRole('status')).toHaveTextContent(strings().errorDenied);
    await expect.element(page.getByRole('link', { name: strings().moreInfo, exact: true })).toBeVisible();
    expect(englishIn(element)).toEqual([]);
  });

  test('a provider that refuses in-app browsers, in one: no English shown or in an accessible name', async () => {
    // What Instagram's in-app browser on an iPhone says it is.
    const userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/22B83 Instagram 354.0.0.29.90';
    Object.defineProperty(navigator, 'userAgent', { value: userAgent, configurable: true });
    try {
      const { element } = await mountWidget({ attributes: { lang, provider: 'Kanka', 'refuses-webviews': '' } });
      const error = nextEvent(element, 'oauth-connect-error');
      await userEvent.click(button(element));
      expect((await error).detail.code).toBe('in_app_browser');
      const { errorInAppBrowser, openInBrowser } = strings();
      await expect.element(page.getByRole('status')).toHaveTextContent(fill(errorInAppBrowser, ''));
      await expect.element(page.getByRole('link', { name: openInBrowser, exact: true })).toBeVisible();
      expect(englishIn(element)).toEqual([]);
    } finally {
      delete (navigator as { userAgent?: string }).userAgent;
    }
  });

  test('a server address missing: no English shown or in an accessible name', async () => {
    const { element } = await mountWidget({ attributes: { lang, 'ask-instance': '', 'start-url': '/start' } });
    await userEvent.click(button(element));
    await expect.element(page.getByRole('status')).toHaveTextContent(strings().instanceRequired);
    await expect.element(page.getByRole('textbox', { name: strings().instanceLabel, exact: true })).toBeVisible();
    expect(englishIn(element)).toEqual([]);
  });

  test('connected: no English shown or in an accessible name', async () => {
    const { element } = await mountWidget({
      attributes: { lang, provider: 'Kanka', connected: '', account: VALUES.account },
    });
    const { connectedAs, disconnect } = strings();
    await expect.element(page.getByRole('status')).toHaveTextContent(fill(connectedAs, ''));
    expect(disconnectButton(element).textContent).toBe(disconnect);
    await expect.element(page.getByRole('button', { name: disconnect, exact: true })).toBeVisible();
    expect(englishIn(element)).toEqual([]);
  });
});
