/**
 * The element's markup surface as types, for the framework entries (`oauth-connect/react-jsx`, `/preact`,
 * `/vue`, `/svelte`) and for pages that type another template language themselves.
 */
import type { OAuthConnectEventMap } from '../element/connect-controller.js';
import type { OAuthConnectElement } from '../oauth-connect-element.js';

/** The properties that have an attribute, by their camelCase name. */
export type OAuthConnectAttributeProperty =
  | 'authorizeUrl'
  | 'clientId'
  | 'redirectUri'
  | 'scope'
  | 'exchangeUrl'
  | 'startUrl'
  | 'display'
  | 'pkce'
  | 'params'
  | 'responseMode'
  | 'messageOrigins'
  | 'issuer'
  | 'popupWidth'
  | 'popupHeight'
  | 'timeout'
  | 'exchangeTimeout'
  | 'fallback'
  | 'refusesWebviews'
  | 'exchangeCredentials'
  | 'csrfOrigins'
  | 'label'
  | 'provider'
  | 'disabled'
  | 'instance'
  | 'askInstance'
  | 'instanceLabel'
  | 'connected'
  | 'account'
  | 'disconnectUrl';

/** `popupWidth` → `popup-width`. */
type KebabCase<Name extends string> = Name extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}`
  : Name;

/** What markup may pass: a number attribute also takes the number written as text. */
type MarkupValue<Value> = Value extends number ? number | `${number}` : Value;

/** Over the element's own properties, so each keeps its doc comment. */
type AttributeProps = {
  [Name in keyof Pick<OAuthConnectElement, OAuthConnectAttributeProperty>]?: MarkupValue<OAuthConnectElement[Name]>;
};

/** `strings` has no attribute form: React 19, Preact, Vue and Svelte set it as the DOM property it is. */
type PropertyOnly = Partial<Pick<OAuthConnectElement, 'strings'>>;

/** What a template may set, by camelCase property name (Vue templates check these names). */
export type OAuthConnectProperties = AttributeProps & PropertyOnly;

/** What a template may set, by attribute name as written in HTML: `authorize-url`, `popup-width`, … */
export type OAuthConnectAttributes = {
  [Name in keyof AttributeProps as KebabCase<Name>]: AttributeProps[Name];
} & PropertyOnly;

/** `on` + the event's name, the form React 19, Preact and Svelte 5 turn into `addEventListener(name, …)`. */
export type OAuthConnectEventHandlers = {
  [Name in keyof OAuthConnectEventMap as `on${Name}`]?: (event: OAuthConnectEventMap[Name]) => void;
};
