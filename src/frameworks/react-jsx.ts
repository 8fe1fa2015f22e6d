/**
 * `oauth-connect/react-jsx`: registers `<oauth-connect>` and types it in React 19 JSX, where attributes, DOM
 * properties and `on<event name>` listeners reach custom elements as written.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OAuthConnectElement } from '../oauth-connect-element.js';
import type { OAuthConnectAttributes, OAuthConnectEventHandlers } from './element-types.js';

// Everything the main entry exports, the framework-neutral attribute and event handler types included.
export * from '../oauth-connect.js';

/** The props of `<oauth-connect>` in React 19: React's own, the attributes, and the element's events. */
export type OAuthConnectJsxProps = DetailedHTMLProps<HTMLAttributes<OAuthConnectElement>, OAuthConnectElement> &
  OAuthConnectAttributes &
  OAuthConnectEventHandlers;

declare module 'react' {
  // React 19 reads intrinsic elements from `React.JSX`; a module augmentation is the only way to add one.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'oauth-connect': OAuthConnectJsxProps;
    }
  }
}
