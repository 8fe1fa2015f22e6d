/** `oauth-connect/callback`: for a callback page that loads modules. */
export { handleCallback, type CallbackOptions, type CallbackOutcome } from './callback/handle-callback.js';
export { readAuthorizationResponse } from './callback/read-response.js';
