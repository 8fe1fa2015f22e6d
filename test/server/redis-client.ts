import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';

/**
 * A node-redis client configured the way the README recommends for the Redis stores: commands
 * fail at once while disconnected instead of queueing, it reconnects with a capped backoff, and
 * connection errors are listened to (an `error` event without a listener would end the process).
 */
export async function connectRedis(url: string) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export type RedisTestClient = Awaited<ReturnType<typeof connectRedis>>;

/**
 * A `redis-server` for the file and two clients on it, standing for two instances of the app;
 * started before the file's tests and stopped after them.
 */
export function twoClientsOnOneRedis(): { server: RedisServer; first: RedisTestClient; second: RedisTestClient } {
  const shared = {} as { server: RedisServer; first: RedisTestClient; second: RedisTestClient };
  beforeAll(async () => {
    shared.server = await startRedis();
    [shared.first, shared.second] = await Promise.all([
      connectRedis(shared.server.url),
      connectRedis(shared.server.url),
    ]);
  });
  afterAll(async () => {
    shared.first?.destroy();
    shared.second?.destroy();
    await shared.server?.stop();
  });
  return shared;
}
