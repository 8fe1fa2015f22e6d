import { OAuthConnectElement } from './oauth-connect-element.js';

const TAG = 'oauth-connect';

// Loading the script twice (a bundle and a module, say) must not throw.
if (!customElements.get(TAG)) {
  try {
    customElements.define(TAG, OAuthConnectElement);
  } catch {
    // Another copy won the race to define it.
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oauth-connect': OAuthConnectElement;
  }
}

export { OAuthConnectElement };
