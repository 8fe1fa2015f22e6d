import type { UsedValueStore } from '../stores/store-types.js';
import { redisCommands, ttlMilliseconds, type RedisLike, type RedisStoreOptions } from './redis-command.js';

/**
 * Values used once (states, authorization codes), marked with SET NX PX: of any number of
 * instances claiming the same value at once exactly one is told `true` (RFC 6749 section 4.1.2:
 * a code is used once). Long values (codes of a few KB) are kept under their SHA-256.
 */
export function redisUsedValueStore(client: RedisLike, options?: RedisStoreOptions): UsedValueStore {
  const redis = redisCommands('used', 'Redis used-value store', options);
  return {
    async claim(key, ttlSeconds) {
      const px = ttlMilliseconds(ttlSeconds, 'Redis used-value store: "ttlSeconds"');
      const reply = await redis.run('SET NX', () => client.set(redis.key(key), '1', { NX: true, PX: px }));
      return reply !== null && reply !== undefined;
    },
  };
}
