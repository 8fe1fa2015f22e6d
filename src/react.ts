/**
 * `oauth-connect/react`: `<OAuthConnect>`, a React component around `<oauth-connect>` made with `@lit/react`.
 * Importing it registers the element.
 */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { OAuthConnectElement } from './oauth-connect.js';

export const OAuthConnect = createComponent({
  tagName: 'oauth-connect',
  elementClass: OAuthConnectElement,
  react: React,
  events: {
    onStart: 'oauth-connect-start',
    onCode: 'oauth-connect-code',
    onSuccess: 'oauth-connect-success',
    onError: 'oauth-connect-error',
    onCancel: 'oauth-connect-cancel',
  },
});
