import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startEmulatedProvider, type EmulatedProvider } from './emulated-provider.js';
import { createGancioAuthorization, type GancioCode } from './gancio-authorization.js';
import { readFields, sendHtml, sendJson, sendText } from './http-kit.js';
import { homePage } from './pages.js';
import { createTokenStore, type TokenStore } from './token-store.js';

const ONLY_SCOPE = 'event:write';

/** oauth2orize's errorHandler: `{ error, error_description }` with the status its TokenError gives the code. */
const tokenError = (res: ServerResponse, status: number, error: string, description: string) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error, error_description: description }));
};

/** `POST /api/client`: anyone registers a client; `redirect_uris` is kept as the one string sent. */
async function registerClient(req: IncomingMessage, res: ServerResponse, store: TokenStore): Promise<void> {
  const fields = await readFields(req);
  if (fields.scopes && fields.scopes !== ONLY_SCOPE) return sendJson(res, 422, { error: 'Invalid scopes' });
  const client = store.addClient({
    id: randomBytes(16).toString('hex'),
    secret: randomBytes(16).toString('hex'),
    name: fields.client_name ?? '',
    redirectUris: fields.redirect_uris === undefined ? [] : [fields.redirect_uris],
    scopes: fields.scopes || ONLY_SCOPE,
    website: fields.website,
  });
  const { name, scopes, website, secret, id } = client;
  const redirectUris = fields.redirect_uris;
  sendJson(res, 200, { name, redirectUris, scopes, website, client_secret: secret, client_id: id });
}

/**
 * `POST /oauth/token`. The client authenticates with `client_id` and `client_secret` in the form only (passport's
 * oauth2-client-password strategy; HTTP Basic is not among the strategies, so it gets passport's bare 401). A code
 * redeems when the redirect URI its request asked for is the client's registered `redirect_uris` string; the
 * token request's own `redirect_uri` and `code_verifier` are not read, and codes are never used up. The
 * refresh_token exchange never calls back, so that request is never answered.
 */
async function token(req: IncomingMessage, res: ServerResponse, store: TokenStore, codes: Map<string, GancioCode>) {
  const fields = await readFields(req);
  store.countTokenCall(fields.grant_type);
  const client = store.clients.get(fields.client_id ?? '');
  if (!fields.client_id || !fields.client_secret || !client || fields.client_secret !== client.secret) {
    return sendText(res, 401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer realm="Users"' });
  }
  if (fields.grant_type === 'authorization_code') {
    if (!fields.code) return tokenError(res, 400, 'invalid_request', 'Missing required parameter: code');
    const code = codes.get(fields.code);
    if (!code || code.clientId !== client.id || client.redirectUris[0] !== code.redirectUri) {
      return tokenError(res, 403, 'invalid_grant', 'Invalid authorization code');
    }
    const issued = store.mint('authorization_code', client, store.newGrant(code.user));
    const body = { access_token: issued.accessToken, refresh_token: issued.refreshToken, username: code.user.username };
    return sendJson(res, 200, { ...body, token_type: 'Bearer' });
  }
  if (fields.grant_type === 'refresh_token') {
    if (!fields.refresh_token) {
      return tokenError(res, 400, 'invalid_request', 'Missing required parameter: refresh_token');
    }
    return; // Gancio's refresh_token exchange is an empty function: the request hangs until the connection ends.
  }
  tokenError(res, 501, 'unsupported_grant_type', `Unsupported grant type: ${fields.grant_type}`);
}

/**
 * A Gancio 1.21 instance: clients register with `POST /api/client` (client_name, redirect_uris, scopes, website),
 * `event:write` is the only scope, `GET /oauth/authorize` starts the authorization (the documented `/authorize`
 * is only its consent page), and `POST /oauth/token` takes the client credentials in the form.
 */
export async function startGancio(options: { port?: number } = {}): Promise<EmulatedProvider> {
  const store = createTokenStore({});
  const codes = new Map<string, GancioCode>();
  const authorization = createGancioAuthorization(codes);
  return startEmulatedProvider({
    brand: 'Gancio',
    profilePath: '/api/user',
    user: { id: '7', username: 'demo', name: 'Gaia Gancio' },
    store,
    async routes(req, res, url, context) {
      const route = `${req.method} ${url.pathname}`;
      if (route === 'POST /api/client') await registerClient(req, res, store);
      else if (route === 'GET /oauth/authorize') authorization.start(req, res, url, context);
      else if (route === 'POST /oauth/authorize') await authorization.decide(req, res, context);
      else if (route === 'GET /authorize') authorization.consentPage(req, res, url, context);
      else if (route === 'POST /oauth/token') await token(req, res, store, codes);
      else if (route === 'GET /') sendHtml(res, 200, homePage('Gancio'));
      else return false;
      return true;
    },
    port: options.port,
  });
}
