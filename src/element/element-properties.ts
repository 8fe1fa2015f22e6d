import { attributeOf } from '../core/config.js';
import type { PropertyDeclaration, PropertyDeclarations, ReactiveElement } from 'lit';

/** Properties that only change the view; a change to any other one is a new configuration. */
export const VIEW_PROPERTIES: ReadonlySet<PropertyKey> = new Set(
  'label disabled instanceLabel connected account disconnectUrl strings'.split(' '),
);

const declare = (names: string, type?: PropertyDeclaration['type']) =>
  names.split(' ').map((name): [string, PropertyDeclaration] => [name, { attribute: attributeOf(name), type }]);

/**
 * Every attribute, mapped to its camelCase property. None reflects but `disabled` (and `status`, written
 * by the element once an attempt has changed it): the host keeps the attributes its author wrote, and no
 * others.
 */
export const elementProperties: PropertyDeclarations = Object.fromEntries([
  ...declare(
    'authorizeUrl clientId redirectUri scope exchangeUrl startUrl display pkce params responseMode messageOrigins ' +
      'issuer fallback exchangeCredentials csrfOrigins label provider instance instanceLabel account disconnectUrl',
  ),
  ...declare('popupWidth popupHeight timeout exchangeTimeout', Number),
  ...declare('askInstance connected refusesWebviews', Boolean),
  ['disabled', { type: Boolean, reflect: true }],
  // Property only: an object of texts has no attribute form.
  ['strings', { attribute: false }],
]);

/**
 * What each property with a default reads until the page sets it (the README's attribute table). Kept off the
 * instances: an element that wrote every default into its own properties would queue a dozen reactive updates
 * before its first render, for each element on the page.
 */
export const propertyDefaults: Readonly<Record<string, unknown>> = {
  authorizeUrl: '',
  clientId: '',
  redirectUri: '',
  display: 'popup',
  pkce: 'S256',
  responseMode: 'query',
  popupWidth: 500,
  popupHeight: 650,
  timeout: 600,
  fallback: 'none',
  exchangeCredentials: 'same-origin',
  exchangeTimeout: 30,
  disabled: false,
  askInstance: false,
  connected: false,
};

/**
 * Makes each property of `propertyDefaults` read its default until it is set, by wrapping the accessor Lit made
 * for it (reading `observedAttributes` has Lit make them). Setting still goes through Lit's own setter.
 */
export function readDefaults(element: typeof ReactiveElement): void {
  void element.observedAttributes;
  for (const [name, fallback] of Object.entries(propertyDefaults)) {
    const { get, set } = Object.getOwnPropertyDescriptor(element.prototype, name)!;
    Object.defineProperty(element.prototype, name, {
      get(this: ReactiveElement) {
        return get!.call(this) ?? fallback;
      },
      set,
      configurable: true,
      enumerable: true,
    });
  }
}
