import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { redisClientStore, redisFlowStore, redisUsedValueStore, type KeptFlow } from '../../src/server-redis.js';
import { twoClientsOnOneRedis } from './redis-client.js';

// Two clients stand for two instances of the app behind a load balancer.
const redis = twoClientsOnOneRedis();

const unique = () => randomBytes(12).toString('base64url');

function keptFlow(state: string): KeptFlow {
  return {
    state,
    provider: 'kanka',
    codeVerifier: unique(),
    clientId: 'app',
    redirectUri: 'https://app.example/callback',
    tokenEndpoint: 'https://kanka.example/oauth/token',
    expiresAt: Date.now() + 600_000,
  };
}

describe('redisFlowStore', () => {
  test('a flow kept by one instance is taken once, even by two instances taking at once', async () => {
    const state = unique();
    const flow = keptFlow(state);
    await redisFlowStore(redis.first).set(state, flow, 600);
    const taken = await Promise.all([
      redisFlowStore(redis.first).take(state),
      redisFlowStore(redis.second).take(state),
    ]);
    expect(taken.filter((one) => one !== undefined)).toEqual([flow]);
    expect(await redisFlowStore(redis.second).take(state)).toBeUndefined();
  });

  test('a flow is gone once its TTL has passed', async () => {
    const state = unique();
    await redisFlowStore(redis.first).set(state, keptFlow(state), 0.3);
    const key = `oauth-connect:flow:${state}`;
    expect(await redis.first.pTTL(key)).toBeGreaterThan(0);
    expect(await redis.first.pTTL(key)).toBeLessThanOrEqual(300);
    await expect.poll(() => redis.first.exists(key), { timeout: 5000, interval: 25 }).toBe(0);
    expect(await redisFlowStore(redis.second).take(state)).toBeUndefined();
  });

  test('an unknown state takes nothing', async () => {
    expect(await redisFlowStore(redis.first).take(unique())).toBeUndefined();
  });

  test('keys carry the prefix given', async () => {
    const state = unique();
    await redisFlowStore(redis.first, { prefix: 'app-a:flows:' }).set(state, keptFlow(state), 60);
    expect(await redis.first.exists(`app-a:flows:${state}`)).toBe(1);
    expect(await redisFlowStore(redis.first).take(state)).toBeUndefined();
  });
});

describe('redisUsedValueStore', () => {
  test('of two instances racing to claim a code, exactly one wins, 50 times over', async () => {
    const codes = Array.from({ length: 50 }, unique);
    const [mine, theirs] = [redisUsedValueStore(redis.first), redisUsedValueStore(redis.second)];
    const races = await Promise.all(codes.map((code) => Promise.all([mine.claim(code, 60), theirs.claim(code, 60)])));
    for (const race of races) expect(race.filter(Boolean)).toHaveLength(1);
  });

  test('a claimed value is refused until its TTL has passed', async () => {
    const code = unique();
    const used = redisUsedValueStore(redis.first);
    expect(await used.claim(code, 0.3)).toBe(true);
    expect(await redisUsedValueStore(redis.second).claim(code, 0.3)).toBe(false);
    await expect.poll(() => redis.first.exists(`oauth-connect:used:${code}`), { timeout: 5000, interval: 25 }).toBe(0);
    expect(await used.claim(code, 0.3)).toBe(true);
  });

  test('a code of 4 KB is kept under its SHA-256, and is still used once', async () => {
    const code = randomBytes(3072).toString('base64url');
    const hash = createHash('sha256').update(code).digest('hex');
    expect(await redisUsedValueStore(redis.first).claim(code, 60)).toBe(true);
    expect(await redis.first.exists(`oauth-connect:used:sha256:${hash}`)).toBe(1);
    expect(await redisUsedValueStore(redis.second).claim(code, 60)).toBe(false);
    expect(await redisUsedValueStore(redis.second).claim(`${code.slice(0, -1)}!`, 60)).toBe(true);
  });

  test('an attacker sending a hashed key as a value cannot burn the code it stands for', async () => {
    const victimCode = randomBytes(3072).toString('base64url');
    const hashedForm = `sha256:${createHash('sha256').update(victimCode).digest('hex')}`;
    expect(await redisUsedValueStore(redis.first).claim(hashedForm, 60)).toBe(true);
    expect(await redisUsedValueStore(redis.second).claim(victimCode, 60)).toBe(true);
  });
});

describe('redisClientStore', () => {
  test('of two instances registering at once, both keep using the redis.first client kept', async () => {
    const instance = `https://${unique().toLowerCase()}.example`;
    const mine = { clientId: 'client-a', clientSecret: 'secret-a' };
    const theirs = { clientId: 'client-b', clientSecret: 'secret-b' };
    const kept = await Promise.all([
      redisClientStore(redis.first).setIfAbsent(instance, mine),
      redisClientStore(redis.second).setIfAbsent(instance, theirs),
    ]);
    expect(kept[1]).toEqual(kept[0]);
    expect([mine, theirs]).toContainEqual(kept[0]);
    expect(await redisClientStore(redis.second).get(instance)).toEqual(kept[0]);
    const late = { clientId: 'late', clientSecret: 'late' };
    expect(await redisClientStore(redis.first).setIfAbsent(instance, late)).toEqual(kept[0]);
  });

  test('an instance never registered has no client', async () => {
    expect(await redisClientStore(redis.first).get('https://never.example')).toBeUndefined();
  });
});
