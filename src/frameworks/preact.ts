/**
 * `oauth-connect/preact`: registers `<oauth-connect>` and types it in Preact JSX, which sets the element's
 * attributes and DOM properties as written and adds `on<event name>` props as listeners.
 */
import type { JSX } from 'preact';
import type { OAuthConnectElement } from '../oauth-connect-element.js';
import type { OAuthConnectAttributes, OAuthConnectEventHandlers } from './element-types.js';

// Everything the main entry exports, the framework-neutral attribute and event handler types included.
export * from '../oauth-connect.js';

/** The props of `<oauth-connect>` in Preact: Preact's own, the attributes, and the element's events. */
export type OAuthConnectPreactProps = JSX.HTMLAttributes<OAuthConnectElement> &
  OAuthConnectAttributes &
  OAuthConnectEventHandlers;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'oauth-connect': OAuthConnectPreactProps;
    }
  }
}
