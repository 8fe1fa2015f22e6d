import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type OAuthConnectStrings } from './strings.js';

/** The element as the localizer sees it: its own overrides on top of the language's strings. */
export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  strings?: Partial<OAuthConnectStrings>;
}

export type StringKey = Exclude<keyof OAuthConnectStrings, 'lang' | 'dir'>;

/**
 * Gives the element the strings of its nearest `lang`, with its `strings` overrides on top.
 * (Placeholder: English only until the translation registry lands.)
 */
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  get strings(): OAuthConnectStrings {
    return { ...en, ...this.host.strings };
  }

  /** The text of `key` with its `{name}` placeholders filled from `values`. */
  text(key: StringKey, values: Record<string, string | undefined> = {}): string {
    const strings = this.strings;
    const filled: Record<string, string | undefined> = { ...values, provider: values.provider || strings.provider };
    return strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => filled[name] ?? whole);
  }
}
