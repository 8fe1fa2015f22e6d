import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, readFields, redirect, sendHtml, sendJson, sendText } from './http-kit.js';
import { startEmulatedProvider, type EmulatedProvider, type ProviderContext } from './emulated-provider.js';
import { LeagueError, sendLeagueError, unsupportedGrantType } from './league-errors.js';
import { approvalPage, errorPage } from './pages.js';
import { createPassportGrants, type AuthRequest, type PassportGrants } from './passport-grants.js';
import { createTokenStore, type EmulatedClient, type TokenStore } from './token-store.js';

export interface PassportOptions {
  /** Kanka or Anomaly: the name on its pages. */
  brand: string;
  clients: EmulatedClient[];
  /** The scopes the server defines (`Passport::tokensCan`); none by default, as Kanka's docs ask for none. */
  scopes?: string[];
  port?: number;
}

type Context = ProviderContext<TokenStore>;

/** What Passport keeps in the session while the approval page is shown: the request and the form's token. */
interface PendingApproval {
  authToken: string;
  request: AuthRequest;
}

/** Runs a league step: its error is answered the league way; anything else is rethrown (a 500). */
async function answering(req: IncomingMessage, res: ServerResponse, step: () => void | Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof LeagueError) return sendLeagueError(req, res, error);
    throw error;
  }
}

/** GET `/oauth/authorize` (Passport's AuthorizationController), and the approve and deny forms' POST. */
async function authorize(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  grants: PassportGrants,
  context: Context,
): Promise<void> {
  const { brand, sessions } = context;
  if (req.method === 'GET') {
    // The request is validated first, before the user is asked to log in.
    const request = grants.validateAuthorizationRequest(Object.fromEntries(url.searchParams));
    const user = context.signedIn(req, res, url);
    if (!user) return;
    if (grants.skipsApproval(request, user)) return redirect(res, grants.approve(request, user));
    const pending: PendingApproval = { authToken: randomBytes(20).toString('hex'), request };
    sessions.open(req, res).data.set('authRequest', pending);
    const fields = { state: request.state ?? '', client_id: request.client.id, auth_token: pending.authToken };
    const { client, scopes } = request;
    const action = '/oauth/authorize';
    const page = approvalPage({ brand, action, clientName: client.name, scopes, fields, cancel: { fields: {} } });
    return sendHtml(res, 200, page);
  }
  const fields = await readFields(req);
  const user = context.signedIn(req, res, url);
  if (!user) return;
  const pending = sessions.find(req)?.data.get('authRequest') as PendingApproval | undefined;
  if (fields.auth_token !== undefined && fields.auth_token !== pending?.authToken) {
    sessions.find(req)?.data.delete('authRequest');
    const message = 'The provided auth token for the request is different from the session auth token.';
    return sendHtml(res, 403, errorPage(brand, message));
  }
  if (!pending) return sendHtml(res, 500, errorPage(brand, 'Authorization request was not present in the session.'));
  if (fields.decision === 'approve') return redirect(res, grants.approve(pending.request, user));
  throw grants.deny(pending.request);
}

/** POST `/oauth/token`: form fields, the client's credentials in the body or as HTTP Basic. */
async function token(req: IncomingMessage, res: ServerResponse, grants: PassportGrants, store: TokenStore) {
  const fields = await readFields(req);
  store.countTokenCall(fields.grant_type);
  const basic = basicCredentials(req);
  if (fields.grant_type === 'authorization_code') return sendJson(res, 200, grants.redeemCode(fields, basic));
  if (fields.grant_type === 'refresh_token') return sendJson(res, 200, grants.refresh(fields, basic));
  throw unsupportedGrantType();
}

/** `/oauth/tokens` (Passport's AuthorizedAccessTokenController): the apps the user authorized, and revoking one. */
function authorizedTokens(req: IncomingMessage, res: ServerResponse, url: URL, context: Context): void {
  const userId = context.sessions.user(req);
  if (userId !== context.user.id) return sendJson(res, 401, { message: 'Unauthenticated.' });
  const { store } = context;
  const tokens = [...store.accessTokens.values()].filter((token) => token.user.id === userId);
  if (req.method === 'GET' && url.pathname === '/oauth/tokens') {
    const listed = tokens.map(({ id, client, scope, accessTokenExpiresAt }) => {
      const name = store.clients.get(client.id)?.name;
      const expires = accessTokenExpiresAt?.toISOString() ?? null;
      const scopes = scope ?? [];
      const owner = { user_id: userId, client_id: client.id };
      return { id, ...owner, scopes, revoked: false, expires_at: expires, client: { id: client.id, name } };
    });
    return sendJson(res, 200, listed);
  }
  const found = req.method === 'DELETE' && tokens.find((token) => url.pathname === `/oauth/tokens/${token.id}`);
  if (!found) return sendJson(res, 404, { message: 'Not Found' });
  store.revokeAccessToken(found.accessToken);
  for (const refresh of [...store.refreshTokens.values()]) {
    if (refresh.accessToken === found.accessToken) store.retireRefreshToken(refresh.refreshToken);
  }
  sendText(res, 204, '');
}

/**
 * A Laravel Passport server (league/oauth2-server 8.x) as Kanka and Anomaly's API module run it: `/oauth/authorize`
 * with an approval page (Authorize / Cancel) that is skipped once the user holds a valid token for the client,
 * form POST `/oauth/token` taking the client credentials in the body or as Basic, single-use ten-minute codes,
 * 1-year tokens, rotating refresh tokens, and league's own error answers.
 */
export async function startPassport(options: PassportOptions): Promise<EmulatedProvider> {
  const store = createTokenStore({ accessTokenLifetime: 31_536_000, refreshTokenLifetime: 31_536_000 });
  for (const client of options.clients) store.addClient(client);
  const grants = createPassportGrants({ store, scopes: options.scopes ?? [], codeLifetime: 600 });
  return startEmulatedProvider({
    brand: options.brand,
    profilePath: '/api/1.0/profile',
    user: { id: '1', username: 'demo', name: `Dana of ${options.brand}` },
    store,
    async routes(req, res, url, context) {
      if (url.pathname === '/oauth/authorize') {
        await answering(req, res, () => authorize(req, res, url, grants, context));
        return true;
      }
      if (url.pathname === '/oauth/token' && req.method === 'POST') {
        await answering(req, res, () => token(req, res, grants, store));
        return true;
      }
      if (url.pathname === '/oauth/tokens' || url.pathname.startsWith('/oauth/tokens/')) {
        authorizedTokens(req, res, url, context);
        return true;
      }
      // Anomaly's API module: /oauth/request?client=ID starts the request for that client's own redirect URI.
      if (url.pathname === '/oauth/request' && req.method === 'GET') {
        const client = store.clients.get(url.searchParams.get('client') ?? '');
        if (!client) return (sendJson(res, 404, { message: 'Not Found' }), true);
        const redirectUri = client.redirectUris[0]!;
        const query = new URLSearchParams({ client_id: client.id, redirect_uri: redirectUri, response_type: 'code' });
        redirect(res, `/oauth/authorize?${query}`);
        return true;
      }
      return false;
    },
    port: options.port,
  });
}
