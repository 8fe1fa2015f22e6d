import { OAuthConnectElement } from './oauth-connect-element.js';

OAuthConnectElement.define();

export { OAuthConnectElement };
