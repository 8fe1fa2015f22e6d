/**
 * The element's events in the DOM's own event maps, so a listener gets its `detail` typed without a cast:
 * `element.addEventListener('oauth-connect-error', ({ detail }) => detail.code)`, on the element, on
 * `document` or on `window` (every event bubbles and is composed). Loaded with the package's main entry.
 */
import type { OAuthConnectEventMap } from '../element/connect-controller.js';
import type * as OAuthConnect from '../oauth-connect.js';

export type { ConnectStatus, OAuthConnectEventMap } from '../element/connect-controller.js';

/** `'oauth-connect-start' | 'oauth-connect-code' | …`: every event the element dispatches. */
export type OAuthConnectEventName = keyof OAuthConnectEventMap;

/** The `detail` of one event: `OAuthConnectEventDetail<'oauth-connect-error'>` is an `ErrorDetail`. */
export type OAuthConnectEventDetail<Name extends OAuthConnectEventName> = OAuthConnectEventMap[Name]['detail'];

declare global {
  // Declaration merging adds the element's events to the DOM's maps; the bodies are empty on purpose.
  /* eslint-disable @typescript-eslint/no-empty-object-type */
  interface HTMLElementEventMap extends OAuthConnectEventMap {}
  interface GlobalEventHandlersEventMap extends OAuthConnectEventMap {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */

  interface Window {
    /** What `oauth-connect.bundle.js` exposes, on pages that load it with a `<script>` tag. */
    OAuthConnect?: typeof OAuthConnect;
  }
}
