/**
 * The package entry: importing it registers `<oauth-connect>`. Beside the element it exports the headless
 * `connect()`, the error class and codes, and the types of events and options.
 */
export { OAuthConnectElement } from './define.js';
export type { ConnectStatus, OAuthConnectEventMap } from './oauth-connect-element.js';
export * from './headless.js';
