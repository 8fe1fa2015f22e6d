/**
 * `oauth-connect/server`: the backend half, over the Fetch standard (Node 20+, and any runtime with fetch and Web
 * Crypto).
 */
export { createStartHandler, buildProviderAuthorizeUrl } from './server/start-handler.js';
export {
  createExchangeHandler,
  type ExchangeHandlerOptions,
  type ExchangeRequestBody,
  type TokenContext,
} from './server/exchange-handler.js';
export {
  createDisconnectHandler,
  type DisconnectHandlerOptions,
  type DisconnectRequestBody,
  type DisconnectContext,
  type DisconnectResult,
  type DisconnectAnswer,
  type HeldTokens,
  type RevocableToken,
} from './server/disconnect-handler.js';
export type { ServerOptions } from './server/server-options.js';
export type { ProviderSettings, ProviderEntry, ProviderTable, ResolvedProvider } from './server/providers.js';
export type { FlowKeeperOptions } from './server/flow-keeper.js';
export type { CookieOptions } from './server/cookies.js';
export { refreshTokens, createTokenRefresher, type TokenRefresherOptions } from './server/refresh.js';
export {
  createClientRegistry,
  registerClient,
  redirectUriFor,
  type ClientRegistryOptions,
  type ClientMetadata,
} from './server/client-registration.js';
export { redeemCode, type CodeGrant } from './server/oauth/code-grant.js';
export {
  TokenEndpointError,
  type TokenEndpointClient,
  type TokenEndpointStyle,
  type TokenSet,
} from './server/oauth/token-set.js';
export {
  memoryFlowStore,
  memoryUsedValueStore,
  memoryClientStore,
  memoryLock,
  type MemoryUsedValueStoreOptions,
} from './server/stores/memory-stores.js';
export {
  StoreUnavailableError,
  type FlowStore,
  type KeptFlow,
  type UsedValueStore,
  type ClientStore,
  type RegisteredClient,
  type Lock,
} from './server/stores/store-types.js';
export { ServerError } from './server/errors.js';
export { OutboundRequestError, type OutboundOptions } from './server/outbound/index.js';
export { toNodeListener, type FetchHandler, type NodeListenerOptions } from './server/node-adapter.js';
export { guardHandler, type ErrorHook } from './server/http/guard-handler.js';
export { jsonResponse, jsonError } from './server/http/json-response.js';
