/**
 * `oauth-connect/svelte`: registers `<oauth-connect>` and types it in Svelte 5 templates, which set a property
 * where the element has one, an attribute otherwise, and add `on<event name>` attributes as listeners.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { OAuthConnectElement } from '../oauth-connect-element.js';
import type { OAuthConnectAttributes, OAuthConnectEventHandlers } from './element-types.js';

// Everything the main entry exports, the framework-neutral attribute and event handler types included.
export * from '../oauth-connect.js';

/**
 * A hyphenated boolean attribute (`ask-instance`) has no property of that name, so Svelte writes its value as
 * text, and `"false"` is a present boolean attribute: such an attribute takes `true` or nothing.
 */
type SvelteValue<Name extends string, Value> = Name extends `${string}-${string}`
  ? NonNullable<Value> extends boolean
    ? true
    : Value
  : Value;

/** The attributes of `<oauth-connect>` in Svelte; `null` leaves one out, as everywhere in Svelte. */
export type OAuthConnectSvelteAttributes = {
  [Name in keyof OAuthConnectAttributes]?: SvelteValue<Name, OAuthConnectAttributes[Name]> | null;
};

/** The props of `<oauth-connect>` in Svelte: Svelte's own, the attributes, and the element's events. */
export type OAuthConnectSvelteProps = HTMLAttributes<OAuthConnectElement> &
  OAuthConnectSvelteAttributes &
  OAuthConnectEventHandlers;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'oauth-connect': OAuthConnectSvelteProps;
  }
}
