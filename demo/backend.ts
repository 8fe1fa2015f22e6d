import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { createExchangeHandler, jsonError, toNodeListener, type TokenSet } from '../src/server.js';
import type { DemoClient, OidcServer } from './provider/oidc-server.js';

export interface ExchangeRecord {
  body: unknown;
  status: number;
}

export interface DemoBackend {
  /** Connect-style middleware: `/api/exchange`, `/callback` and the built files under `/dist/`. */
  middleware(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** Every request the exchange endpoint received, in order: what tests assert on. */
  exchanges: ExchangeRecord[];
  /** Tokens by user, kept here and never sent to the browser. */
  tokens: Map<string, TokenSet>;
}

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };

async function sendFile(res: ServerResponse, path: string): Promise<void> {
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`Not found. Run "npm run build" first if this is a dist file.`);
  }
}

/** The page's own backend: redeems the code with the client secret and answers with who connected, never the tokens. */
export function createDemoBackend(oidc: OidcServer, client: DemoClient, csrfToken: string): DemoBackend {
  const exchanges: ExchangeRecord[] = [];
  const tokens = new Map<string, TokenSet>();
  const exchange = createExchangeHandler({
    tokenEndpoint: oidc.tokenEndpoint,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    style: 'client_secret_basic',
    authorize: (request) =>
      request.headers.get('x-csrf-token') === csrfToken ? undefined : jsonError(403, 'invalid_request', 'missing or wrong CSRF token'),
    async onTokens(tokenSet) {
      const userinfo = await fetch(oidc.userinfoEndpoint, { headers: { Authorization: `Bearer ${tokenSet.access_token}` } });
      const account = (await userinfo.json()) as { sub: string; name?: string; email?: string };
      tokens.set(account.sub, tokenSet);
      return { connected: true, provider: 'Demo ID', account: { name: account.name, email: account.email } };
    },
  });
  const exchangeListener = toNodeListener(async (request) => {
    const body = await request.clone().json().catch(() => undefined);
    const response = await exchange(request);
    exchanges.push({ body, status: response.status });
    return response;
  });

  return {
    exchanges,
    tokens,
    middleware(req, res, next) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/api/exchange') return void exchangeListener(req, res);
      if (path === '/callback') return void sendFile(res, join(ROOT, 'demo', 'callback.html'));
      if (path.startsWith('/dist/')) {
        const file = resolve(DIST, decodeURIComponent(path.slice('/dist/'.length)));
        if (file.startsWith(DIST + sep)) return void sendFile(res, file);
      }
      next();
    },
  };
}
