/** `oauth-connect/server`: the backend half, over the Fetch standard (Node 20+, and any runtime with fetch and Web Crypto). */
export { createStartHandler, buildProviderAuthorizeUrl } from './server/start-handler.js';
export { createExchangeHandler, type ExchangeHandlerOptions, type ExchangeRequestBody, type TokenContext } from './server/exchange-handler.js';
export type { ServerOptions } from './server/server-options.js';
export type { ProviderSettings, ProviderEntry, ProviderTable } from './server/providers.js';
export { memoryFlowStore, type FlowStore, type KeptFlow } from './server/flow-keeper.js';
export type { CookieOptions } from './server/cookies.js';
export { refreshTokens, createTokenRefresher, type TokenRefresherOptions } from './server/refresh.js';
export {
  createClientRegistry,
  registerClient,
  memoryClientStore,
  ClientRegistrationError,
  type ClientRegistryOptions,
  type ClientMetadata,
  type ClientStore,
  type RegisteredClient,
} from './server/client-registration.js';
export { requestTokens, TokenEndpointError, type TokenEndpointClient, type TokenEndpointStyle, type TokenSet } from './server/token-request.js';
export { toNodeListener, type FetchHandler } from './server/node-adapter.js';
export { jsonResponse, jsonError } from './server/json-response.js';
