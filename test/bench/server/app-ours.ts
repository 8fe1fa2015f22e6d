/**
 * Our backend half in a bench child: `start` and `exchange` handlers on node:http, mounted the way the
 * README shows. `cookie` mode seals the whole flow in the cookie; `redis` mode keeps flows and used
 * values in Redis (`oauth-connect/server/redis`).
 * Usage: app-ours.ts cookie|redis, with BENCH_TOKEN_PORT (and BENCH_REDIS_URL for redis) in the environment.
 */
import { createClient } from 'redis';
import { createExchangeHandler, createStartHandler, toNodeListener, type ServerOptions } from '../../../src/server.js';
import { serveBenchChild } from './bench-child.js';

const mode = process.argv[2];
if (mode !== 'cookie' && mode !== 'redis') {
  throw new Error(`app-ours.ts takes "cookie" or "redis"; got ${JSON.stringify(mode)}`);
}

/** The Redis stores, loaded at run time so the bench still runs (with that row marked) while the module is missing. */
async function redisStores(url: string | undefined): Promise<Record<string, unknown>> {
  if (!url) throw new Error('BENCH_REDIS_URL is not set');
  const modulePath = '../../../src/server-redis.js';
  let stores: { redisFlowStore?: (client: unknown) => unknown; redisUsedValueStore?: (client: unknown) => unknown };
  try {
    stores = await import(modulePath);
  } catch (error) {
    throw new Error(`src/server-redis.ts could not be loaded: ${(error as Error).message.split('\n')[0]}`, {
      cause: error,
    });
  }
  if (typeof stores.redisFlowStore !== 'function' || typeof stores.redisUsedValueStore !== 'function') {
    throw new Error('src/server-redis.ts does not export redisFlowStore and redisUsedValueStore');
  }
  const client = createClient({ url });
  client.on('error', (error) => console.error(`bench redis client: ${error.message}`));
  await client.connect();
  return { store: stores.redisFlowStore(client), usedStore: stores.redisUsedValueStore(client) };
}

await serveBenchChild(async (port) => {
  const tokenOrigin = `http://127.0.0.1:${process.env.BENCH_TOKEN_PORT}`;
  // The Redis stores come in through a spread, so this file typechecks whatever store options ServerOptions has.
  const options: ServerOptions = {
    secret: 'x'.repeat(32),
    providers: {
      Bench: {
        authorizeEndpoint: `${tokenOrigin}/authorize`,
        tokenEndpoint: `${tokenOrigin}/token`,
        clientId: 'c',
        clientSecret: 's',
        style: 'client_secret_post',
        redirectUri: `http://127.0.0.1:${port}/callback`,
      },
    },
    ...(mode === 'redis' ? await redisStores(process.env.BENCH_REDIS_URL) : {}),
  };
  const start = toNodeListener(createStartHandler(options));
  const exchange = toNodeListener(createExchangeHandler({ ...options, onTokens: () => ({ connected: true }) }));
  return (req, res) => (req.url === '/start' ? start(req, res) : exchange(req, res));
});
