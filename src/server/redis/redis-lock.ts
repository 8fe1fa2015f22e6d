import { randomBytes } from 'node:crypto';
import { StoreUnavailableError, type Lock } from '../stores/store-types.js';
import { redisCommands, requirePositive, type RedisLike, type RedisStoreOptions } from './redis-command.js';

export interface RedisLockOptions extends RedisStoreOptions {
  /** The lock expires this many milliseconds after it was taken, should its holder die. Default 30000. */
  ttlMs?: number;
  /** How long `withLock` waits for a held lock before it throws StoreUnavailableError. Default 10000. */
  waitMs?: number;
}

/** Deletes the key only while it still holds our token, so a holder whose lock expired never frees another's. */
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const firstRetryMs = 10;
const longestRetryMs = 200;

/**
 * Mutual exclusion across processes by SET NX PX with a random token, released by
 * compare-and-delete (the single-instance Redis lock pattern). A task that outlives `ttlMs` is no
 * longer exclusive, so `ttlMs` must exceed the longest task.
 */
export function redisLock(client: RedisLike, options: RedisLockOptions = {}): Lock {
  const redis = redisCommands('lock', 'Redis lock', options);
  const ttlMs = Math.ceil(options.ttlMs ?? 30_000);
  const waitMs = options.waitMs ?? 10_000;
  requirePositive(ttlMs, 'Redis lock: "ttlMs"');
  requirePositive(waitMs, 'Redis lock: "waitMs"');

  const release = async (key: string, token: string) => {
    await redis.run('EVAL', () => client.eval(releaseScript, { keys: [key], arguments: [token] }));
  };

  const acquire = async (key: string, token: string): Promise<void> => {
    const giveUpAt = Date.now() + waitMs;
    for (let retryMs = firstRetryMs; ; retryMs = Math.min(retryMs * 2, longestRetryMs)) {
      const reply = await redis
        .run('SET NX', () => client.set(key, token, { NX: true, PX: ttlMs }))
        .catch((error) => {
          // A SET that timed out may still run later (a queueing client, a slow server); the release
          // sent after it on the same connection runs after it, so it cannot leave the lock held for ttlMs.
          release(key, token).catch(() => {});
          throw error;
        });
      if (reply !== null && reply !== undefined) return;
      const left = giveUpAt - Date.now();
      if (left <= 0) {
        throw new StoreUnavailableError(`Redis lock: still held by another holder after waiting ${waitMs} ms`);
      }
      // Jitter keeps contenders that lost together from retrying together.
      await delay(Math.min(left, retryMs / 2 + Math.random() * retryMs));
    }
  };

  return {
    async withLock(name, task) {
      const key = redis.key(name);
      const token = randomBytes(16).toString('hex');
      await acquire(key, token);
      try {
        return await task();
      } finally {
        // A failed release is left to expire after ttlMs: the task's own result or error matters more.
        await release(key, token).catch(() => {});
      }
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
