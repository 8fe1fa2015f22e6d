import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { redisLock, StoreUnavailableError } from '../../src/server-redis.js';
import { twoClientsOnOneRedis } from './redis-client.js';

// Two clients stand for two instances of the app contending for the same lock.
const redis = twoClientsOnOneRedis();

const uniqueName = () => `refresh:${randomBytes(9).toString('base64url')}`;
const lockKey = (name: string) => `oauth-connect:lock:${name}`;

/** A promise and the function that settles it: a task that runs until the test says so. */
function signal() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, released };
}

test('tasks of two instances under the same lock never overlap', async () => {
  const name = uniqueName();
  const locks = [redisLock(redis.first), redisLock(redis.second)];
  let inside = 0;
  let mostInside = 0;
  let finished = 0;
  await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      locks[index % 2]!.withLock(name, async () => {
        mostInside = Math.max(mostInside, ++inside);
        // Real round trips, so a broken lock would let another task in meanwhile.
        await redis.first.get(lockKey(name));
        await redis.second.get(lockKey(name));
        inside--;
        finished++;
      }),
    ),
  );
  expect(finished).toBe(20);
  expect(mostInside).toBe(1);
});

test('withLock answers what the task returns and frees the key', async () => {
  const name = uniqueName();
  expect(await redisLock(redis.first).withLock(name, async () => 'refreshed')).toBe('refreshed');
  expect(await redis.first.exists(lockKey(name))).toBe(0);
});

test('a task that throws still releases the lock, and its error reaches the caller', async () => {
  const name = uniqueName();
  const failure = new Error('token endpoint answered 500');
  await expect(redisLock(redis.first).withLock(name, async () => Promise.reject(failure))).rejects.toBe(failure);
  expect(await redis.first.exists(lockKey(name))).toBe(0);
  expect(await redisLock(redis.second, { waitMs: 50 }).withLock(name, async () => 'next')).toBe('next');
});

test('a lock whose holder died expires after ttlMs and the next instance takes it', async () => {
  const name = uniqueName();
  const held = signal();
  // The holder hangs for good (its process died): it never releases.
  void redisLock(redis.first, { ttlMs: 300 }).withLock(name, () => new Promise<never>(() => held.release()));
  await held.released;
  const waitStarted = Date.now();
  expect(await redisLock(redis.second, { waitMs: 5000 }).withLock(name, async () => 'taken over')).toBe('taken over');
  expect(Date.now() - waitStarted).toBeGreaterThanOrEqual(200);
});

test('a waiter gives up with StoreUnavailableError after waitMs, without running its task', async () => {
  const name = uniqueName();
  const holding = signal();
  const done = signal();
  const holder = redisLock(redis.first).withLock(name, async () => {
    holding.release();
    await done.released;
  });
  await holding.released;
  let ran = false;
  const waitStarted = Date.now();
  const waiter = redisLock(redis.second, { waitMs: 150 }).withLock(name, async () => (ran = true));
  await expect(waiter).rejects.toThrow(StoreUnavailableError);
  await expect(waiter).rejects.toThrow('Redis lock: still held by another holder after waiting 150 ms');
  expect(Date.now() - waitStarted).toBeGreaterThanOrEqual(150);
  expect(ran).toBe(false);
  done.release();
  await holder;
});

test('a holder whose lock expired mid-task never deletes the lock the next holder took', async () => {
  const name = uniqueName();
  const secondHolding = signal();
  const secondDone = signal();
  let secondHolder: Promise<void> | undefined;
  await redisLock(redis.first, { ttlMs: 200 }).withLock(name, async () => {
    // This task outlives its lock: another instance takes the key before the task ends.
    secondHolder = redisLock(redis.second, { waitMs: 5000 }).withLock(name, async () => {
      secondHolding.release();
      await secondDone.released;
    });
    await secondHolding.released;
  });
  // The redis.first holder's release has run; the redis.second's lock must still be there.
  expect(await redis.first.exists(lockKey(name))).toBe(1);
  const intruder = redisLock(redis.first, { waitMs: 100 }).withLock(name, async () => 'intruder');
  await expect(intruder).rejects.toThrow(StoreUnavailableError);
  secondDone.release();
  await secondHolder;
  expect(await redis.first.exists(lockKey(name))).toBe(0);
});

test('bad options are refused by name', () => {
  expect(() => redisLock(redis.first, { ttlMs: 0 })).toThrow('Redis lock: "ttlMs" must be a positive number, got 0');
  expect(() => redisLock(redis.first, { waitMs: -1 })).toThrow(
    'Redis lock: "waitMs" must be a positive number, got -1',
  );
  expect(() => redisLock(redis.first, { timeoutMs: Number.NaN })).toThrow(
    'Redis lock: "timeoutMs" must be a positive number, got NaN',
  );
});
