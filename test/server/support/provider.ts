/**
 * A provider for the multi-process tests, in the test process: a token endpoint (RFC 6749 section
 * 3.2) and a Gancio-like client registration (`POST /api/client`), with counters the tests assert on.
 * There is no authorize page: `authorize(url)` stands for a user who approved, and mints the code.
 *
 * It is as strict as the providers that punish double spending: a code is redeemed once, and a second
 * use revokes what it issued (RFC 6749 section 4.1.2); refresh tokens rotate, and presenting one that
 * was already rotated revokes the whole grant (RFC 9700 section 4.14.2, Auth0's and Okta's reuse detection).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClient } from './app-config.js';
import { delay, TokenLedger, type Grant } from './provider-grants.js';

export interface ProviderOptions {
  /** How long a registration takes to answer, so that registrations sent at once overlap. Default 100 ms. */
  registrationLatencyMs?: number;
}

export interface ProviderEmulator {
  origin: string;
  /** The user approved at `authorizeUrl`: mints a code bound to its client, redirect URI and PKCE challenge. */
  authorize(authorizeUrl: string): string;
  /** Token requests that presented `code`, successful or not. */
  tokenCallsFor(code: string): number;
  /** The tokens issued for `code`, if it was redeemed. */
  grantOf(code: string): Grant | undefined;
  /** Refresh requests so far, successful or not. */
  refreshCalls(): number;
  /** Refresh requests wait, unanswered, until the returned function is called. */
  holdRefreshes(): () => void;
  /** Whether a refresh with this token would work: neither rotated nor in a revoked grant. */
  isLive(refreshToken: string): boolean;
  /** Grants revoked for a reused code or refresh token. */
  revokedGrants(): number;
  /** Clients registered at `POST /api/client`, in order. */
  registrations(): Array<{ clientId: string; clientName: string; redirectUri: string }>;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const token = (kind: string) => `${kind}-${base64url(randomBytes(18))}`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

/** RFC 6749 section 5.2. */
const invalidGrant = (description: string): [number, unknown] => [
  400,
  { error: 'invalid_grant', error_description: description },
];

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** RFC 6749 section 2.3.1: HTTP Basic with form-encoded id and secret, or both in the body. */
function clientOf(req: IncomingMessage, form: URLSearchParams): { id: string; secret: string } | undefined {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  if (basic) {
    const pair = Buffer.from(basic, 'base64').toString();
    const colon = pair.indexOf(':');
    return colon < 0 ? undefined : { id: decode(pair.slice(0, colon)), secret: decode(pair.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
}

export async function startProvider(options: ProviderOptions = {}): Promise<ProviderEmulator> {
  const registrationLatencyMs = options.registrationLatencyMs ?? 100;
  const secrets = new Map([[fixedClient.clientId, fixedClient.clientSecret]]);
  const redirectUris = new Map<string, string>();
  const registered: Array<{ clientId: string; clientName: string; redirectUri: string }> = [];
  const pending = new Map<string, PendingCode>();
  const calls = new Map<string, number>();
  const ledger = new TokenLedger();
  let refreshCalls = 0;
  let refreshGate = Promise.resolve();

  async function redeem(client: { id: string }, form: URLSearchParams): Promise<[number, unknown]> {
    const code = form.get('code') ?? '';
    calls.set(code, (calls.get(code) ?? 0) + 1);
    const redeemed = ledger.grantOf(code);
    if (redeemed) {
      ledger.revoke(redeemed);
      return invalidGrant('the code was already used; its tokens are revoked');
    }
    const minted = pending.get(code);
    if (!minted || minted.clientId !== client.id) return invalidGrant('unknown code, or issued to another client');
    if (form.get('redirect_uri') !== minted.redirectUri) return invalidGrant('redirect_uri is not the authorized one');
    // RFC 7636 section 4.6: S256 of the verifier must be the challenge sent with the authorization request.
    const verifier = form.get('code_verifier') ?? '';
    if (base64url(createHash('sha256').update(verifier).digest()) !== minted.codeChallenge) {
      return invalidGrant('code_verifier does not match the code_challenge');
    }
    pending.delete(code);
    return [200, ledger.issue(code, client.id)];
  }

  async function refresh(client: { id: string }, form: URLSearchParams): Promise<[number, unknown]> {
    refreshCalls++;
    await refreshGate;
    const outcome = ledger.rotate(form.get('refresh_token') ?? '', client.id);
    return typeof outcome === 'string' ? invalidGrant(outcome) : [200, outcome];
  }

  async function register(form: URLSearchParams): Promise<[number, unknown]> {
    const clientId = token('client');
    const clientSecret = token('secret');
    const redirectUri = form.get('redirect_uris') ?? '';
    registered.push({ clientId, clientName: form.get('client_name') ?? '', redirectUri });
    secrets.set(clientId, clientSecret);
    redirectUris.set(clientId, redirectUri);
    await delay(registrationLatencyMs);
    return [200, { client_id: clientId, client_secret: clientSecret, client_name: form.get('client_name') }];
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://provider.invalid').pathname;
    const form = await readForm(req);
    if (req.method === 'POST' && path === '/api/client') return answer(res, ...(await register(form)));
    if (req.method !== 'POST' || path !== '/oauth/token') return answer(res, 404, { error: 'not_found' });
    const client = clientOf(req, form);
    if (!client || secrets.get(client.id) !== client.secret) {
      return answer(res, 401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' });
    }
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return answer(res, ...(await redeem(client, form)));
    if (grantType === 'refresh_token') return answer(res, ...(await refresh(client, form)));
    const unsupported = `grant_type ${grantType} is not supported`;
    answer(res, 400, { error: 'unsupported_grant_type', error_description: unsupported });
  }

  const server = createServer((req, res) => {
    const failed = (error: unknown) => answer(res, 500, { error: 'server_error', error_description: String(error) });
    route(req, res).catch(failed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    authorize(authorizeUrl) {
      const query = new URL(authorizeUrl).searchParams;
      const clientId = query.get('client_id') ?? '';
      if (query.get('response_type') !== 'code') throw new Error('authorize: response_type is not "code"');
      if (!secrets.has(clientId)) throw new Error(`authorize: unknown client_id ${clientId}`);
      const redirectUri = query.get('redirect_uri') ?? '';
      const registeredUri = redirectUris.get(clientId);
      if (registeredUri !== undefined && registeredUri !== redirectUri) {
        throw new Error(`authorize: redirect_uri ${redirectUri} is not the one registered for ${clientId}`);
      }
      const method = query.get('code_challenge_method');
      if (method !== 'S256') throw new Error(`authorize: code_challenge_method is ${method}, not "S256"`);
      const code = token('code');
      pending.set(code, { clientId, redirectUri, codeChallenge: query.get('code_challenge') ?? '' });
      return code;
    },
    tokenCallsFor: (code) => calls.get(code) ?? 0,
    grantOf: (code) => ledger.grantOf(code),
    refreshCalls: () => refreshCalls,
    holdRefreshes() {
      let release!: () => void;
      refreshGate = new Promise((resolve) => (release = resolve));
      return release;
    },
    isLive: (refreshToken) => ledger.isLive(refreshToken),
    revokedGrants: () => ledger.revokedCount(),
    registrations: () => [...registered],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
