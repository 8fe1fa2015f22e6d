/**
 * A deployment for the multi-process tests: one real Redis, the provider emulator, and app processes
 * in each flow mode, all sharing that Redis and one secret. `stop()` ends exactly what it started.
 */
import { randomBytes } from 'node:crypto';
import { startRedis, type RedisServer } from '../../support/redis-server.js';
import { connectRedis } from '../redis-client.js';
import type { FlowMode } from './app-config.js';
import { startAppProcess, type AppProcess } from './app-processes.js';
import { startProvider, type ProviderEmulator, type ProviderOptions } from './provider.js';

export interface Deployment {
  redis: RedisServer;
  /** The test's own connection, to read what the apps keep. */
  reader: Awaited<ReturnType<typeof connectRedis>>;
  provider: ProviderEmulator;
  apps: Record<FlowMode, AppProcess[]>;
  /** Every app process of every mode. */
  allApps(): AppProcess[];
  stop(): Promise<void>;
}

const names = ['A', 'B', 'C', 'D', 'E'];

export async function startDeployment(
  counts: Record<FlowMode, number>,
  options?: ProviderOptions,
): Promise<Deployment> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    await Promise.allSettled(stops.reverse().map((stopOne) => stopOne()));
    stops.length = 0;
  };
  try {
    const redis = await startRedis();
    stops.push(() => redis.stop());
    const provider = await startProvider(options);
    stops.push(() => provider.close());
    const reader = await connectRedis(redis.url);
    stops.push(async () => reader.destroy());

    const secret = randomBytes(32).toString('base64url');
    const config = (mode: FlowMode) => ({ redisUrl: redis.url, providerOrigin: provider.origin, mode });
    const starting = (mode: FlowMode) =>
      Array.from({ length: counts[mode] }, (_, index) =>
        startAppProcess(`${names[index]} (${mode})`, config(mode), secret),
      );
    const store = starting('store');
    const cookie = starting('cookie');
    const settled = await Promise.allSettled([...store, ...cookie]);
    for (const outcome of settled) if (outcome.status === 'fulfilled') stops.push(() => outcome.value.stop());
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const apps = { store: await Promise.all(store), cookie: await Promise.all(cookie) };
    return { redis, reader, provider, apps, allApps: () => [...apps.store, ...apps.cookie], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
