/**
 * The package entry: importing it registers `<oauth-connect>`. Beside the element it exports the headless
 * `connect()`, the error class and codes, and the types of events, options and strings. Its types add the
 * element's events to the DOM's event maps, so `addEventListener('oauth-connect-error', …)` sees `detail`.
 */
export { OAuthConnectElement } from './define.js';
export type {
  ConnectStatus,
  OAuthConnectEventDetail,
  OAuthConnectEventMap,
  OAuthConnectEventName,
} from './types/element-events.js';
export type { OAuthConnectStrings } from './i18n/strings.js';
export type {
  OAuthConnectAttributeProperty,
  OAuthConnectAttributes,
  OAuthConnectEventHandlers,
  OAuthConnectProperties,
} from './frameworks/element-types.js';
export { registerTranslation, type Translation } from './i18n/registry.js';
export * from './headless.js';
