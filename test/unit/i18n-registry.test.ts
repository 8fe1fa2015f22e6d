import { LitElement } from 'lit';
import { afterEach, expect, test } from 'vitest';
import { LocalizeController } from '../../src/i18n/localize-controller.js';
import { registerTranslation } from '../../src/i18n/registry.js';
import { en, type OAuthConnectStrings } from '../../src/i18n/strings.js';

// Each test registers languages of its own: the registry is the page's, shared by every test of this file.

class LocalizedProbe extends LitElement {
  declare strings?: Partial<OAuthConnectStrings>;
  readonly localize = new LocalizeController(this);
}
customElements.define('localized-probe', LocalizedProbe);

afterEach(() => document.querySelectorAll('localized-probe').forEach((probe) => probe.remove()));

/** The strings an element under `lang` gets. */
function stringsUnder(lang: string): OAuthConnectStrings {
  const probe = document.createElement('localized-probe') as LocalizedProbe;
  probe.lang = lang;
  document.body.append(probe);
  return probe.localize.strings;
}

test('a language nobody registered, or none at all, is English', () => {
  expect(stringsUnder('sv-SE')).toEqual(en);
  expect(stringsUnder('')).toEqual(en);
});

test('a region falls back to its language, and each text the language lacks to English', () => {
  registerTranslation({ lang: 'pt', dir: 'ltr', connect: 'Conectar', cancel: 'Cancelar' });
  registerTranslation({ lang: 'pt-BR', connect: 'Conectar conta' });
  expect(stringsUnder('pt-BR')).toMatchObject({
    lang: 'pt-BR',
    connect: 'Conectar conta',
    cancel: 'Cancelar',
    disconnect: 'Disconnect',
  });
  expect(stringsUnder('pt-PT')).toMatchObject({ lang: 'pt', connect: 'Conectar', cancel: 'Cancelar' });
  expect(stringsUnder('pt')).toMatchObject({ lang: 'pt', connect: 'Conectar' });
});

test('tags are compared without regard to case, as BCP 47 says', () => {
  registerTranslation({ lang: 'zh-Hant', connect: '連結' });
  expect(stringsUnder('ZH-hant')).toMatchObject({ lang: 'zh-Hant', connect: '連結' });
  expect(stringsUnder('zh').connect).toBe('Connect');
});

test('a language registered again keeps the texts the new registration leaves out', () => {
  registerTranslation({ lang: 'da', connect: 'Forbind', cancel: 'Annuller' });
  registerTranslation({ lang: 'da', connect: 'Tilknyt' });
  expect(stringsUnder('da')).toMatchObject({ connect: 'Tilknyt', cancel: 'Annuller' });
});

test('several languages register in one call', () => {
  registerTranslation({ lang: 'sv', connect: 'Anslut' }, { lang: 'fi', connect: 'Yhdistä' });
  expect([stringsUnder('sv').connect, stringsUnder('fi').connect]).toEqual(['Anslut', 'Yhdistä']);
});

test('the element’s strings go on top of its language', () => {
  registerTranslation({ lang: 'cs', connect: 'Připojit', cancel: 'Zrušit' });
  const probe = document.createElement('localized-probe') as LocalizedProbe;
  probe.lang = 'cs';
  probe.strings = { cancel: 'Storno' };
  expect(probe.localize.strings).toMatchObject({ lang: 'cs', connect: 'Připojit', cancel: 'Storno' });
});

test('the languages live on the global object, where every copy of the code finds them', () => {
  registerTranslation({ lang: 'nb', connect: 'Koble til' });
  const [languages] = (globalThis as Record<symbol, unknown>)[Symbol.for('oauth-connect.i18n')] as [
    Map<string, unknown>,
  ];
  expect(languages.get('nb')).toMatchObject({ connect: 'Koble til' });
  // What another copy registers there is found here.
  languages.set('is', { lang: 'is', connect: 'Tengja' });
  expect(stringsUnder('is').connect).toBe('Tengja');
});
