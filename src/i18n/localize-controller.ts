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

/**
 * Gives the element the strings of its nearest `lang` (its own, its closest ancestor's, else the document's)
 * with its `strings` overrides on top, and renders it again when that `lang` changes or its language is
 * registered. `strings.lang` and `strings.dir` say which language and direction the texts are in.
 */
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    localizedHosts.add(this.host);
    // Moved under another `lang`, it renders again (on a first connection, that update is already pending).
    this.host.requestUpdate();
    (langObserver ??= new MutationObserver(renderLocalizedHosts)).observe(document.documentElement, {
      subtree: true,
      attributeFilter: ['lang'],
    });
  }

  hostDisconnected(): void {
    localizedHosts.delete(this.host);
  }

  /** English, under the language's texts, under its region's (`pt`, then `pt-br`), under the element's own. */
  get strings(): OAuthConnectStrings {
    const { host } = this;
    // `closest` stops at a shadow root: an element inside one speaks the document's language.
    const tag = (host.closest<HTMLElement>('[lang]')?.lang ?? document.documentElement.lang).toLowerCase();
    return { ...en, ...translations.get(tag.split('-')[0]), ...translations.get(tag), ...host.strings };
  }

  /** The text of `key` with its `{name}` placeholders filled from `values`. */
  text(key: StringKey, values: Record<string, string | undefined> = {}): string {
    const strings = this.strings;
    const filled: Record<string, string | undefined> = { ...values, provider: values.provider || strings.provider };
    return strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => filled[name] ?? whole);
  }
}
