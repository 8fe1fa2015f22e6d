import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  redisClientStore,
  redisFlowStore,
  redisLock,
  redisUsedValueStore,
  StoreUnavailableError,
  type RedisLike,
} from '../../src/server-redis.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { connectRedis } from './redis-client.js';

const timeoutMs = 500;
let server: RedisServer;
let recommended: Awaited<ReturnType<typeof connectRedis>>;
/** node-redis with its defaults: commands queue while disconnected, so only the stores' timeout ends them. */
let queueing: ReturnType<typeof createClient>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startRedis();
  recommended = await connectRedis(server.url);
  queueing = createClient({ url: server.url });
  queueing.on('error', () => {});
  await queueing.connect();
});

afterAll(async () => {
  recommended?.destroy();
  queueing?.destroy();
  await server?.stop();
  process.off('unhandledRejection', onUnhandled);
});

const unique = () => randomBytes(12).toString('base64url');
const flow = (state: string) => ({
  state,
  provider: 'kanka',
  clientId: 'app',
  redirectUri: 'https://app.example/callback',
  tokenEndpoint: 'https://kanka.example/oauth/token',
  expiresAt: Date.now() + 600_000,
});

/** Every store call the handlers make, through one client. */
function storeCalls(client: RedisLike): Record<string, () => Promise<unknown>> {
  const flows = redisFlowStore(client, { timeoutMs });
  const used = redisUsedValueStore(client, { timeoutMs });
  const clients = redisClientStore(client, { timeoutMs });
  const lock = redisLock(client, { timeoutMs });
  const state = unique();
  return {
    'flow set': async () => flows.set(state, flow(state), 60),
    'flow take': async () => flows.take(state),
    'used claim': async () => used.claim(unique(), 60),
    'client get': async () => clients.get('https://kanka.example'),
    'client setIfAbsent': async () =>
      clients.setIfAbsent('https://kanka.example', { clientId: 'a', clientSecret: 'b' }),
    'lock withLock': () => lock.withLock('refresh:user-1', async () => 'ran'),
  };
}

/** Each call's outcome and how long it took, all started at once. */
async function settleAll(calls: Record<string, () => Promise<unknown>>) {
  const started = Date.now();
  const outcomes = await Promise.all(
    Object.entries(calls).map(async ([name, call]) => {
      const result = await call().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      return { name, ...result, ms: Date.now() - started };
    }),
  );
  return outcomes;
}

test('with Redis killed every store call rejects with StoreUnavailableError at once, then works again', async () => {
  await server.kill();
  for (const outcome of await settleAll(storeCalls(recommended))) {
    expect(outcome, outcome.name).toMatchObject({ error: expect.any(StoreUnavailableError) });
    // The offline queue is off, so nothing waits for the timeout.
    expect(outcome.ms, outcome.name).toBeLessThan(timeoutMs);
  }

  await server.restart();
  const used = redisUsedValueStore(recommended, { timeoutMs });
  const answers = () =>
    Promise.resolve()
      .then(() => used.claim(unique(), 60))
      .catch(() => false);
  await expect.poll(answers, { timeout: 10_000 }).toBe(true);
  for (const outcome of await settleAll(storeCalls(recommended))) {
    expect(outcome, outcome.name).not.toHaveProperty('error');
  }
  expect(unhandled).toEqual([]);
});

test('a client queueing commands while down is bounded by timeoutMs, and no lock stays held', async () => {
  await server.kill();
  for (const outcome of await settleAll(storeCalls(queueing))) {
    expect(outcome, outcome.name).toMatchObject({ error: expect.any(StoreUnavailableError) });
    const timedOut = { message: expect.stringMatching(`did not answer within ${timeoutMs} ms$`) };
    expect(outcome, outcome.name).toMatchObject({ error: timedOut });
    expect(outcome.ms, outcome.name).toBeGreaterThanOrEqual(timeoutMs - 5);
    expect(outcome.ms, outcome.name).toBeLessThan(timeoutMs + 1000);
  }

  await server.restart();
  // The client sends what it queued during the outage once it is back, in order; this PING answers last.
  await queueing.ping();
  // The lock's SET NX PX ran late; the release queued after it must have freed the key again.
  expect(await queueing.exists('oauth-connect:lock:refresh:user-1')).toBe(0);
  for (const outcome of await settleAll(storeCalls(queueing))) {
    expect(outcome, outcome.name).not.toHaveProperty('error');
  }
  expect(unhandled).toEqual([]);
});

test('a failed command keeps its cause for the logs', async () => {
  const broken: RedisLike = {
    set: async () => Promise.reject(new Error('READONLY You cannot write against a read only replica.')),
    get: async () => null,
    getDel: async () => null,
    eval: async () => 0,
  };
  const claim = redisUsedValueStore(broken).claim('code', 60);
  await expect(claim).rejects.toThrow(StoreUnavailableError);
  await expect(claim).rejects.toThrow(
    'Redis used-value store: SET NX failed: READONLY You cannot write against a read only replica.',
  );
  await expect(claim).rejects.toMatchObject({ cause: { message: expect.stringContaining('READONLY') } });
});
