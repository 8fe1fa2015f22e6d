import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import {
  createDisconnectHandler,
  createExchangeHandler,
  createStartHandler,
  createTokenRefresher,
  jsonError,
  jsonResponse,
  toNodeListener,
  type ResolvedProvider,
  type ProviderTable,
  type ServerOptions,
  type OutboundOptions,
  type TokenSet,
  type CookieOptions,
} from '../src/server.js';
import type { Account, DemoProvider } from './providers.js';

export interface RequestRecord {
  body: unknown;
  status: number;
}

export interface DemoBackend {
  /**
   * Connect-style middleware: `/api/start`, `/api/exchange`, `/api/refresh`, `/api/disconnect`, `/callback` and the
   * built files under `/dist/`.
   */
  middleware(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** Every request the exchange endpoint received, in order: what tests assert on. */
  exchanges: RequestRecord[];
  /** Every request the start endpoint received. */
  starts: RequestRecord[];
  /** Every request the disconnect endpoint received. */
  disconnects: RequestRecord[];
  /** Tokens by `provider:account id`, kept here and never sent to the browser. */
  tokens: Map<string, TokenSet>;
}

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };

async function sendFile(res: ServerResponse, path: string): Promise<void> {
  try {
    const body = await readFile(path);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`Not found. Run "npm run build" first if this is a dist file.`);
  }
}

/** Wraps a handler to keep what it received and answered. */
function recorded(handler: (request: Request) => Promise<Response>, records: RequestRecord[]) {
  return toNodeListener(async (request) => {
    const body = await request
      .clone()
      .json()
      .catch(() => undefined);
    const response = await handler(request);
    records.push({ body, status: response.status });
    return response;
  });
}

/**
 * The flow cookie of an app embedded in another site's iframe: sent on the frame's own requests in a third-party
 * context (`SameSite=None`, which browsers take only with `Secure`), and kept in the embedding site's partition
 * (`Partitioned`, CHIPS), where browsers that block third-party cookies still allow it.
 */
export const EMBEDDED_COOKIE: CookieOptions = { sameSite: 'None', secure: true, partitioned: true };

/**
 * The page's own backend, built from the server helpers: starts flows, redeems codes with the client
 * secrets, refreshes tokens, and answers the page with who connected, never the tokens. `cookie` sets
 * the flow cookie (default: `SameSite=Lax`, `Secure` except over http to a loopback host).
 */
export function createDemoBackend(
  demoProviders: DemoProvider[],
  csrfToken: string,
  secret: string,
  outbound?: OutboundOptions,
  cookie?: CookieOptions,
): DemoBackend {
  const exchanges: RequestRecord[] = [];
  const starts: RequestRecord[] = [];
  const disconnects: RequestRecord[] = [];
  const tokens = new Map<string, TokenSet>();
  /**
   * The last connection per provider, which the refresh endpoint renews and Disconnect ends. The demo has one
   * user; an app finds the user from the request's session.
   */
  const latest = new Map<string, { key: string; settings: ResolvedProvider; instance?: string }>();
  const providers: ProviderTable = Object.assign({}, ...demoProviders.map((provider) => provider.entries));
  const ownerOf = (name: string) => demoProviders.find((provider) => name in provider.entries)!;

  const options: ServerOptions = {
    secret,
    providers,
    outbound,
    cookie,
    authorize: (request) =>
      request.headers.get('x-csrf-token') === csrfToken
        ? undefined
        : jsonError(403, 'invalid_request', 'missing or wrong CSRF token'),
  };
  const start = createStartHandler(options);
  const exchange = createExchangeHandler({
    ...options,
    async onTokens(tokenSet, { provider, settings, instance }) {
      const account: Account = await ownerOf(provider).profile(tokenSet, settings);
      const key = `${provider}:${account.id}`;
      tokens.set(key, tokenSet);
      latest.set(provider, { key, settings, instance });
      // `account` is what the element shows ("Connected as …"); `profile` is for the page's own text.
      return {
        connected: true,
        provider,
        account: account.email ?? account.name,
        profile: { name: account.name, email: account.email },
      };
    },
  });
  const disconnect = createDisconnectHandler({
    ...options,
    loadTokens({ provider }) {
      const connection = latest.get(provider);
      const held = connection && tokens.get(connection.key);
      return held && { ...held, instance: connection.instance };
    },
    forgetTokens({ provider }) {
      tokens.delete(latest.get(provider)?.key ?? '');
      latest.delete(provider);
    },
  });
  const refresher = createTokenRefresher<string>({
    client: (provider) => latest.get(provider)!.settings,
    load: (provider) => tokens.get(latest.get(provider)?.key ?? ''),
    save: (provider, fresh) => void tokens.set(latest.get(provider)!.key, fresh),
  });
  const refresh = async (request: Request) => {
    const refusal = await options.authorize!(request);
    if (refusal) return refusal;
    const { provider } = (await request.json().catch(() => ({}))) as { provider?: string };
    if (!provider || !latest.has(provider))
      return jsonError(400, 'invalid_request', 'nothing is connected for this provider');
    try {
      const fresh = await refresher.refresh(provider);
      return jsonResponse({ refreshed: true, expires_in: fresh.expires_in });
    } catch (error) {
      return jsonError(502, 'refresh_failed', (error as Error).message);
    }
  };

  const listeners: Record<string, ReturnType<typeof toNodeListener>> = {
    '/api/start': recorded(start, starts),
    '/api/exchange': recorded(exchange, exchanges),
    '/api/refresh': toNodeListener(refresh),
    '/api/disconnect': recorded(disconnect, disconnects),
  };
  return {
    exchanges,
    starts,
    disconnects,
    tokens,
    middleware(req, res, next) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (listeners[path]) return void listeners[path](req, res);
      // One callback page, at a path per issuer (Gancio instances get /callback/gancio/<host>).
      if (path === '/callback' || path.startsWith('/callback/'))
        return void sendFile(res, join(ROOT, 'demo', 'callback.html'));
      if (path.startsWith('/dist/')) {
        const file = resolve(DIST, decodeURIComponent(path.slice('/dist/'.length)));
        if (file.startsWith(DIST + sep)) return void sendFile(res, file);
      }
      next();
    },
  };
}
