/**
 * The app an app process serves: `oauth-connect/server` with every store in Redis, as a deployment
 * of several instances would set it up, plus the test routes (refresh, registration, stats).
 */
import {
  createClientRegistry,
  createExchangeHandler,
  createStartHandler,
  createTokenRefresher,
  guardHandler,
  jsonResponse,
  type ErrorHook,
  type FetchHandler,
  type ServerOptions,
  type TokenSet,
} from '../../../src/server.js';
import { redisClientStore, redisFlowStore, redisLock, redisUsedValueStore } from '../../../src/server-redis.js';
import type { connectRedis } from '../redis-client.js';
import {
  fixedClient,
  fixedRedirectUri,
  gancioRedirectUri,
  tokensKey,
  userHeader,
  type AppConfig,
  type AppStats,
} from './app-config.js';

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

const startedAt = Date.now();
const mostRecentErrors = 20;

/** Counts and logs every `onError` call: the store failures an operator would see in the logs. */
function errorLog() {
  let count = 0;
  const recent: AppStats['recentErrors'] = [];
  const onError: ErrorHook = (error, request) => {
    count++;
    const route = new URL(request.url).pathname;
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    recent.push({ route, name, message });
    if (recent.length > mostRecentErrors) recent.shift();
    console.error(`[app ${process.pid}] onError on ${route}: ${name}: ${message}`);
  };
  return { onError, count: () => count, recent };
}

async function readField(request: Request, name: string): Promise<string> {
  const body = (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const value = body?.[name];
  if (typeof value !== 'string') throw new Error(`the test route needs a JSON body with the string "${name}"`);
  return value;
}

/** The handlers by path; the Redis client is connected by the caller and shared by every store. */
export function createAppRoutes(config: AppConfig, secret: string, redis: RedisClient): Record<string, FetchHandler> {
  const log = errorLog();
  const outbound = { allowHosts: [new URL(config.providerOrigin).host], timeoutMs: 5000 };
  const lock = redisLock(redis);
  const registry = createClientRegistry({
    style: 'gancio',
    metadata: { clientName: 'oauth-connect multi-process test', redirectUri: gancioRedirectUri, scope: 'event:write' },
    store: redisClientStore(redis),
    lock,
    outbound,
  });
  const tokenEndpoint = `${config.providerOrigin}/oauth/token`;
  const options: ServerOptions = {
    secret,
    providers: {
      rotating: {
        ...fixedClient,
        authorizeEndpoint: `${config.providerOrigin}/oauth/authorize`,
        tokenEndpoint,
        redirectUri: fixedRedirectUri,
        scope: 'read',
      },
      gancio: async (instance) => {
        const client = await registry.client(instance);
        return {
          ...client,
          authorizeEndpoint: `${instance}/oauth/authorize`,
          tokenEndpoint: `${instance}/oauth/token`,
          redirectUri: gancioRedirectUri(instance),
          scope: 'event:write',
        };
      },
    },
    store: config.mode === 'store' ? redisFlowStore(redis) : undefined,
    usedStore: redisUsedValueStore(redis),
    outbound,
    onError: log.onError,
  };

  let tokenLoads = 0;
  const load = async (user: string) => {
    tokenLoads++;
    const text = await redis.get(tokensKey(user));
    return text ? (JSON.parse(text) as TokenSet) : undefined;
  };
  const save = async (user: string, tokens: TokenSet) => {
    await redis.set(tokensKey(user), JSON.stringify(tokens));
  };
  const client = () => ({ ...fixedClient, tokenEndpoint });
  const refresher = createTokenRefresher<string>({ client, load, save, lock, outbound });

  const exchange = createExchangeHandler({
    ...options,
    async onTokens(tokens, context) {
      const user = context.request.headers.get(userHeader);
      if (!user) throw new Error(`the exchange request has no ${userHeader} header`);
      await save(user, tokens);
      const { provider, settings } = context;
      return { connected: true, provider, clientId: settings.clientId, servedBy: process.pid };
    },
  });
  return {
    '/start': createStartHandler(options),
    '/exchange': exchange,
    // Test routes: they answer what a test needs to compare, tokens included.
    '/refresh': guardHandler(async (request) => {
      const tokens = await refresher.refresh(await readField(request, 'user'));
      const { access_token, refresh_token } = tokens;
      return jsonResponse({ access_token, refresh_token, servedBy: process.pid });
    }, log.onError),
    '/register-test': guardHandler(async (request) => {
      const client = await registry.client(await readField(request, 'instance'));
      return jsonResponse({ clientId: client.clientId, servedBy: process.pid });
    }, log.onError),
    '/stats': async () => {
      const stats: AppStats = {
        pid: process.pid,
        uptimeMs: Date.now() - startedAt,
        tokenLoads,
        errors: log.count(),
        recentErrors: log.recent,
      };
      return jsonResponse(stats);
    },
  };
}
