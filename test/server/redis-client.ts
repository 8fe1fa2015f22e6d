import { createClient } from 'redis';

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
