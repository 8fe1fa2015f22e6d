/**
 * `oauth-connect/react`: `<OAuthConnect>`, a React component around `<oauth-connect>` made with `@lit/react`,
 * for React 18 and 19: properties by their camelCase names, events as `onStart`, `onCode`, `onSuccess`,
 * `onError`, `onCancel` and `onDisconnect`, each typed with its `detail`. Importing it registers the element.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OAuthConnectElement, type OAuthConnectEventMap } from './oauth-connect.js';

/** The event named `name`, typed with its `detail` for the prop that listens to it. */
const event = <Name extends keyof OAuthConnectEventMap>(name: Name) => name as EventName<OAuthConnectEventMap[Name]>;

export const OAuthConnect = createComponent({
  tagName: 'oauth-connect',
  elementClass: OAuthConnectElement,
  react: React,
  events: {
    onStart: event('oauth-connect-start'),
    onCode: event('oauth-connect-code'),
    onSuccess: event('oauth-connect-success'),
    onError: event('oauth-connect-error'),
    onCancel: event('oauth-connect-cancel'),
    onDisconnect: event('oauth-connect-disconnect'),
  },
  displayName: 'OAuthConnect',
});

/** The props `<OAuthConnect>` takes. */
export type OAuthConnectProps = React.ComponentProps<typeof OAuthConnect>;
