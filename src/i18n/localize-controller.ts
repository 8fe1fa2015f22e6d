import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localizedHosts, renderLocalizedHosts, translations } from './registry.js';
import { en, type OAuthConnectStrings } from './strings.js';

/** The element as the localizer sees it: its own overrides on top of the language's strings. */
export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  strings?: Partial<OAuthConnectStrings>;
}

export type StringKey = Exclude<keyof OAuthConnectStrings, 'lang' | 'dir'>;

/** One for every element of this copy of the code: a `lang` changed somewhere in the document. */
let langObserver: MutationObserver | undefined;

/** `text` with its `{name}` placeholders filled from `values`; a name without a value stays as written. */
export const fill = (text: string, values: Record<string, string | undefined>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/**
 * Gives the element the strings of its nearest `lang` (its own, its closest ancestor's, else the document's)
 * with its `strings` overrides on top, and renders it again when that `lang` changes or its language is
 * registered. `strings.lang` and `strings.dir` say which language and direction the texts are in.
 */
export class LocalizeController implements ReactiveController {
  #host: LocalizedHost;

  constructor(host: LocalizedHost) {
    (this.#host = host).addController(this);
  }

  hostConnected(): void {
    localizedHosts.add(this.#host);
    // Moved under another `lang`, it renders again (on a first connection, that update is already pending).
    this.#host.requestUpdate();
    (langObserver ??= new MutationObserver(renderLocalizedHosts)).observe(document.documentElement, {
      subtree: true,
      attributeFilter: ['lang'],
    });
  }

  hostDisconnected(): void {
    localizedHosts.delete(this.#host);
  }

  /** English, under the language's texts, under its region's (`pt`, then `pt-br`), under the element's own. */
  get strings(): OAuthConnectStrings {
    const host = this.#host;
    // `closest` stops at a shadow root: an element inside one speaks the document's language.
    const tag = (host.closest<HTMLElement>('[lang]')?.lang ?? document.documentElement.lang).toLowerCase();
    return { ...en, ...translations.get(tag.split('-')[0]), ...translations.get(tag), ...host.strings };
  }
}
