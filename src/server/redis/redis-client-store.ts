import { StoreUnavailableError, type ClientStore, type RegisteredClient } from '../stores/store-types.js';
import { redisCommands, replyText, type RedisLike, type RedisStoreOptions } from './redis-command.js';

/** A kept client can vanish between SET NX and GET (deleted by hand); try again this many times. */
const setIfAbsentAttempts = 3;

/**
 * Clients registered per instance origin (RFC 7591), kept without expiry. `setIfAbsent` is
 * SET NX then GET, so when two instances register at once both end up using the first one kept.
 */
export function redisClientStore(client: RedisLike, options?: RedisStoreOptions): ClientStore {
  const redis = redisCommands('client', 'Redis client store', options);
  const read = async (instance: string): Promise<RegisteredClient | undefined> => {
    const text = replyText(await redis.run('GET', () => client.get(redis.key(instance))));
    return text === undefined ? undefined : parseClient(text);
  };
  return {
    get: read,
    async setIfAbsent(instance, registered) {
      const value = JSON.stringify(registered);
      for (let attempt = 0; attempt < setIfAbsentAttempts; attempt++) {
        const reply = await redis.run('SET NX', () => client.set(redis.key(instance), value, { NX: true }));
        if (reply !== null && reply !== undefined) return registered;
        const kept = await read(instance);
        if (kept) return kept;
      }
      throw new StoreUnavailableError(
        `Redis client store: the client kept for this instance vanished after SET NX ${setIfAbsentAttempts} times`,
      );
    },
  };
}

function parseClient(text: string): RegisteredClient {
  let parsed: Partial<RegisteredClient> | undefined;
  try {
    parsed = JSON.parse(text) as Partial<RegisteredClient>;
  } catch (error) {
    const message = 'Redis client store: the value kept for this instance is not JSON';
    throw new StoreUnavailableError(message, { cause: error });
  }
  if (typeof parsed?.clientId !== 'string' || typeof parsed.clientSecret !== 'string') {
    const message = 'Redis client store: the value kept for this instance lacks "clientId" or "clientSecret"';
    throw new StoreUnavailableError(message);
  }
  return parsed as RegisteredClient;
}
