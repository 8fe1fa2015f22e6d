import type { ReactiveControllerHost } from 'lit';
import type { OAuthConnectStrings } from './strings.js';

/**
 * A language for `registerTranslation`: its BCP 47 `lang` and any of its texts. A text it leaves out comes
 * from the language without its region (`pt` for `pt-BR`), then from English. Give `dir: 'rtl'` for a
 * language written right to left.
 */
export type Translation = Pick<OAuthConnectStrings, 'lang'> & Partial<OAuthConnectStrings>;

/*
 * The registered languages by lower-case `lang`, and the connected elements that show texts. Both live on
 * the global object, so every copy of this code on a page (the module build, the script-tag bundle, each
 * language script, loaded in any order) shares them: a tuple, whose shape every version must keep.
 */
export const [translations, localizedHosts] = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('oauth-connect.i18n')
] ??= [new Map(), new Set()]) as [Map<string, Translation>, Set<ReactiveControllerHost>];

export const renderLocalizedHosts = (): void => localizedHosts.forEach((host) => host.requestUpdate());

/**
 * Adds languages for `<oauth-connect>`, used wherever an element's nearest `lang` names them. A language
 * registered again keeps the texts the new registration leaves out. Elements already shown switch at once.
 * @example registerTranslation({ lang: 'pt-BR', connect: 'Conectar conta' })
 */
export function registerTranslation(...languages: Translation[]): void {
  for (const language of languages) {
    const key = language.lang.toLowerCase();
    translations.set(key, { ...translations.get(key), ...language });
  }
  renderLocalizedHosts();
}
