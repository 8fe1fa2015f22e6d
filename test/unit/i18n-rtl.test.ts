import { LitElement } from 'lit';
import { afterEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { LocalizeController } from '../../src/i18n/localize-controller.js';
import type { OAuthConnectStrings } from '../../src/i18n/strings.js';
import { button, mountWidget } from './element-helpers.js';

/** The texts a pending attempt shows, in Hebrew, as a page gives them through `strings`. */
const hebrew: Partial<OAuthConnectStrings> = {
  lang: 'he',
  dir: 'rtl',
  connect: 'התחברות',
  connectWith: '{label} עם {provider}',
  opensWindow: 'נפתח בחלון חדש',
  waiting: 'ממתין ל־{provider}…',
  cancel: 'ביטול',
};

const root = document.documentElement;

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
  root.removeAttribute('lang');
  root.removeAttribute('dir');
});

test('a right-to-left page, Hebrew through strings: Hebrew names and texts, laid out from the right', async () => {
  root.lang = 'he';
  root.dir = 'rtl';
  const { element, popups } = await mountWidget({ outcome: 'wait', attributes: { provider: 'Kanka' } });
  element.strings = hebrew;
  await expect.element(page.getByRole('button', { name: 'התחברות עם Kanka' })).toBeVisible();

  await userEvent.click(button(element));
  const status = page.getByRole('status');
  await expect.element(status).toHaveTextContent('ממתין ל־Kanka…');
  const cancel = page.getByRole('button', { name: 'ביטול' });
  await expect.element(cancel).toBeVisible();
  expect(getComputedStyle(status.element()).direction).toBe('rtl');
  // In reading order (button, status, Cancel), each part sits to the left of the one before it.
  const [first, second, third] = [button(element), status.element(), cancel.element()].map((part) =>
    part.getBoundingClientRect(),
  );
  expect(first.left).toBeGreaterThanOrEqual(second.right);
  expect(second.left).toBeGreaterThanOrEqual(third.right);

  await userEvent.click(cancel);
  await expect.poll(() => popups[0].closed).toBe(true);
});

class LocalizedProbe extends LitElement {
  declare strings?: Partial<OAuthConnectStrings>;
  readonly localize = new LocalizeController(this);
}
customElements.define('localized-probe', LocalizedProbe);

test('the strings say the language and direction their texts are in, for the element to mark its parts', async () => {
  const probe = document.createElement('localized-probe') as LocalizedProbe;
  document.body.append(probe);
  expect(probe.localize.strings).toMatchObject({ lang: 'en', dir: 'ltr' });
  probe.strings = hebrew;
  expect(probe.localize.strings).toMatchObject({ lang: 'he', dir: 'rtl', cancel: 'ביטול', disconnect: 'Disconnect' });
  probe.remove();
});
