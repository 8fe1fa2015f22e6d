import { StoreUnavailableError, type FlowStore, type KeptFlow } from '../stores/store-types.js';
import { redisCommands, replyText, ttlMilliseconds, type RedisLike, type RedisStoreOptions } from './redis-command.js';

/**
 * Flows kept in Redis as JSON under their state. `take` is one GETDEL, so of any number of
 * instances taking the same state at once exactly one gets the flow (RFC 6749 section 10.12:
 * a state is good for one response).
 */
export function redisFlowStore(client: RedisLike, options?: RedisStoreOptions): FlowStore {
  const redis = redisCommands('flow', 'Redis flow store', options);
  return {
    async set(state, flow, ttlSeconds) {
      const px = ttlMilliseconds(ttlSeconds, 'Redis flow store: "ttlSeconds"');
      await redis.run('SET', () => client.set(redis.key(state), JSON.stringify(flow), { PX: px }));
    },
    async take(state) {
      const text = replyText(await redis.run('GETDEL', () => client.getDel(redis.key(state))));
      return text === undefined ? undefined : parseFlow(text);
    },
  };
}

function parseFlow(text: string): KeptFlow {
  try {
    return JSON.parse(text) as KeptFlow;
  } catch (error) {
    // Something else writes under this prefix; refusing the flow is the safe answer.
    throw new StoreUnavailableError('Redis flow store: the value kept for this state is not JSON', { cause: error });
  }
}
