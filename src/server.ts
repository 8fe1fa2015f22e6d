/** `oauth-connect/server`: the backend half, over the Fetch standard (Node 20+, and any runtime with fetch and Web Crypto). */
export { createExchangeHandler, type ExchangeHandlerOptions, type ExchangeRequestBody } from './server/exchange-handler.js';
export { requestTokens, TokenEndpointError, type TokenEndpointClient, type TokenEndpointStyle, type TokenSet } from './server/token-request.js';
export { toNodeListener, type FetchHandler } from './server/node-adapter.js';
export { jsonResponse, jsonError } from './server/json-response.js';
