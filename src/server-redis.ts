/**
 * `oauth-connect/server/redis`: Redis versions of the server helpers' stores, so any number of
 * instances share flows, used values, registered clients and locks. Node only; takes a
 * node-redis (v4, v5 or v6) client or cluster client created and connected by the app.
 */
export { redisFlowStore } from './server/redis/redis-flow-store.js';
export { redisUsedValueStore } from './server/redis/redis-used-value-store.js';
export { redisClientStore } from './server/redis/redis-client-store.js';
export { redisLock, type RedisLockOptions } from './server/redis/redis-lock.js';
export type { RedisLike, RedisStoreOptions } from './server/redis/redis-command.js';
export { StoreUnavailableError } from './server/stores/store-types.js';
export type {
  ClientStore,
  FlowStore,
  KeptFlow,
  Lock,
  RegisteredClient,
  UsedValueStore,
} from './server/stores/store-types.js';
