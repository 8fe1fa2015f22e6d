import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { fill } from '../../src/i18n/localize-controller.js';
import { registerTranslation } from '../../src/i18n/registry.js';
import type { OAuthConnectElement } from '../../src/oauth-connect.js';
import '../../src/translations/de.js';
import '../../src/translations/fr.js';
import '../../src/translations/pt.js';
import { mountWidget } from './element-helpers.js';

const root = document.documentElement;

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect, [data-test-wrapper]')) element.remove();
  root.removeAttribute('lang');
});

/** The button's visible label, as the user reads it. */
const label = (element: OAuthConnectElement) => element.shadowRoot!.querySelector('[part="label"]')!.textContent;

/** A widget inside `<div lang=…>`. */
async function mountUnder(lang: string, attributes: Record<string, string> = {}) {
  const wrapper = document.createElement('div');
  wrapper.dataset.testWrapper = '';
  wrapper.lang = lang;
  document.body.append(wrapper);
  const { element } = await mountWidget({ attributes });
  wrapper.append(element);
  await element.updateComplete;
  return { element, wrapper };
}

test('speaks the language of its closest lang: an ancestor, itself, else the document', async () => {
  const { element } = await mountUnder('fr');
  expect(label(element)).toBe('Connecter');
  element.lang = 'de';
  await expect.poll(() => label(element)).toBe('Verbinden');

  const { element: plain } = await mountWidget();
  expect(label(plain)).toBe('Connect');
  root.lang = 'de';
  await expect.poll(() => label(plain)).toBe('Verbinden');
});

test('renders again when an ancestor’s or the document’s lang changes', async () => {
  const { element, wrapper } = await mountUnder('fr', { provider: 'Kanka' });
  await expect.element(page.getByRole('button', { name: 'Connecter avec Kanka' })).toBeVisible();
  wrapper.lang = 'de';
  await expect.element(page.getByRole('button', { name: 'Verbinden mit Kanka' })).toBeVisible();
  wrapper.removeAttribute('lang');
  root.lang = 'fr';
  await expect.poll(() => label(element)).toBe('Connecter');
  root.lang = 'sv';
  await expect.poll(() => label(element)).toBe('Connect');
});

test('a region it has no texts for speaks the language: pt-BR is pt', async () => {
  const { element } = await mountUnder('pt-BR');
  expect(label(element)).toBe('Conectar');
});

test('a language registered after it rendered takes over at once', async () => {
  const { element } = await mountUnder('eo');
  expect(label(element)).toBe('Connect');
  registerTranslation({ lang: 'eo', connect: 'Konekti' });
  await expect.poll(() => label(element)).toBe('Konekti');
});

test('moved under another lang, it speaks that one', async () => {
  const { element } = await mountUnder('de');
  const { wrapper: french } = await mountUnder('fr');
  french.append(element);
  await expect.poll(() => label(element)).toBe('Connecter');
});

test('its strings replace the language’s texts one by one; the rest stay in its language', async () => {
  const { element } = await mountUnder('de', { provider: 'Kanka' });
  element.strings = { connect: 'Konto verknüpfen' };
  await expect.element(page.getByRole('button', { name: 'Konto verknüpfen mit Kanka' })).toBeVisible();
  expect(label(element)).toBe('Konto verknüpfen');
});

test('placeholders are filled from the values; one without a value stays as written', () => {
  const values = { label: 'Link', provider: 'Kanka', account: undefined };
  expect(fill('{label} with {provider}', values)).toBe('Link with Kanka');
  expect(fill('Connected as {account} {unknown}', values)).toBe('Connected as {account} {unknown}');
});
