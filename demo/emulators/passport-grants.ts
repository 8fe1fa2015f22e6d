import { createHash, randomBytes } from 'node:crypto';
import {
  accessDenied,
  invalidClient,
  invalidGrant,
  invalidRefreshToken,
  invalidRequest,
  invalidScope,
  makeRedirectUri,
  unsupportedGrantType,
  type LeagueError,
} from './league-errors.js';
import type { AccessTokenRecord, EmulatedClient, EmulatedUser, TokenStore } from './token-store.js';

/** A validated authorization request, as league's `AuthorizationRequest` keeps it. */
export interface AuthRequest {
  client: EmulatedClient;
  /** The redirect URI asked for, if one was. */
  redirectUri?: string;
  /** Where the answer goes: the one asked for, or the client's first. */
  finalRedirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

interface AuthCode {
  clientId: string;
  user: EmulatedUser;
  redirectUri?: string;
  scopes: string[];
  /** Seconds since the epoch, as league compares it with `time()`. */
  expireTime: number;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  revoked: boolean;
}

export interface PassportRules {
  store: TokenStore;
  /** The scopes the server defines; any other is `invalid_scope`. */
  scopes: string[];
  /** Seconds a code lives (Passport: ten minutes). */
  codeLifetime: number;
}

const PKCE_VALUE = /^[A-Za-z0-9-._~]{43,128}$/;
const CHALLENGE_METHODS = ['S256', 'plain'];
const seconds = () => Math.floor(Date.now() / 1000);

/**
 * league's RedirectUriValidator: an exact match, except that for an http loopback IP literal (127.0.0.1 or [::1],
 * RFC 8252 section 7.3) the port is ignored. `localhost` is not a loopback literal there, so its port counts.
 */
export function redirectUriRegistered(uri: string, registered: string[]): boolean {
  const withoutPort = (text: string) => {
    if (!URL.canParse(text)) return undefined;
    const url = new URL(text);
    url.port = '';
    return url.href;
  };
  const parsed = URL.canParse(uri) ? new URL(uri) : undefined;
  const loopback = parsed?.protocol === 'http:' && ['127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (!loopback) return registered.includes(uri);
  return registered.some((allowed) => withoutPort(allowed) === withoutPort(uri));
}

/** The scopes in a request's `scope`: split on single spaces, as league does. */
const scopeList = (scope: string | undefined) => (scope ?? '').trim().split(' ').filter(Boolean);

export function createPassportGrants(rules: PassportRules) {
  const { store } = rules;
  const codes = new Map<string, AuthCode>();

  /** The client a token request names (form fields first, then HTTP Basic), with its secret checked. */
  function authenticatedClient(fields: Record<string, string>, basic?: { id: string; secret: string }) {
    const clientId = fields.client_id ?? basic?.id;
    if (clientId === undefined) throw invalidRequest('client_id');
    const secret = fields.client_secret ?? basic?.secret;
    const client = store.clients.get(clientId);
    if (!client || (client.secret && secret !== client.secret)) throw invalidClient();
    if (fields.redirect_uri !== undefined && !redirectUriRegistered(fields.redirect_uri, client.redirectUris)) {
      throw invalidClient();
    }
    return client;
  }

  function tokenResponse(token: AccessTokenRecord) {
    const expiresIn = Math.round(((token.accessTokenExpiresAt?.getTime() ?? Date.now()) - Date.now()) / 1000);
    const { accessToken, refreshToken } = token;
    return { token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken, refresh_token: refreshToken };
  }

  function verifyCodeVerifier(code: AuthCode, verifier: string | undefined): void {
    if (!code.codeChallenge) {
      // league refuses a verifier for a code that had no challenge: a PKCE downgrade.
      if (verifier !== undefined) {
        throw invalidRequest('code_challenge', 'code_verifier received when no code_challenge is present');
      }
      return;
    }
    if (verifier === undefined) throw invalidRequest('code_verifier');
    if (!PKCE_VALUE.test(verifier)) {
      throw invalidRequest('code_verifier', 'Code Verifier must follow the specifications of RFC-7636.');
    }
    const s256 = () => createHash('sha256').update(verifier).digest('base64url');
    const derived = code.codeChallengeMethod === 'S256' ? s256() : verifier;
    if (derived !== code.codeChallenge) throw invalidGrant('Failed to verify `code_verifier`.');
  }

  return {
    codes,
    /** league's `validateAuthorizationRequest`: what Passport checks before it even asks the user to log in. */
    validateAuthorizationRequest(query: Record<string, string>): AuthRequest {
      if (query.response_type !== 'code' || query.client_id === undefined) throw unsupportedGrantType();
      const client = store.clients.get(query.client_id);
      if (!client) throw invalidClient();
      const redirectUri = query.redirect_uri;
      if (redirectUri !== undefined && !redirectUriRegistered(redirectUri, client.redirectUris)) throw invalidClient();
      if (redirectUri === undefined && client.redirectUris.length !== 1) throw invalidClient();
      const finalRedirectUri = redirectUri ?? client.redirectUris[0]!;
      const scopes = scopeList(query.scope);
      const undefinedScope = scopes.find((scope) => !rules.scopes.includes(scope));
      // RFC 6749 section 4.1.2.1 sends the error to the client; league does so without the state.
      if (undefinedScope !== undefined) throw invalidScope(undefinedScope, finalRedirectUri);
      const request: AuthRequest = { client, redirectUri, finalRedirectUri, scopes, state: query.state };
      if (query.code_challenge !== undefined) {
        const method = query.code_challenge_method ?? 'plain';
        if (!CHALLENGE_METHODS.includes(method)) {
          throw invalidRequest('code_challenge_method', 'Code challenge method must be one of `S256`, `plain`');
        }
        if (!PKCE_VALUE.test(query.code_challenge)) {
          throw invalidRequest('code_challenge', 'Code challenge must follow the specifications of RFC-7636.');
        }
        Object.assign(request, { codeChallenge: query.code_challenge, codeChallengeMethod: method });
      }
      return request;
    },
    /** Passport skips the approval page when the user holds a valid token for the client with exactly these scopes. */
    skipsApproval(request: AuthRequest, user: EmulatedUser): boolean {
      const token = store.validTokenOf(user.id, request.client.id);
      return !!token && JSON.stringify(token.scope ?? []) === JSON.stringify(request.scopes);
    },
    /** The user approved: a code for the redirect URI, with the state. */
    approve(request: AuthRequest, user: EmulatedUser): string {
      const code = randomBytes(32).toString('hex');
      const { client, redirectUri, scopes, codeChallenge, codeChallengeMethod } = request;
      const expireTime = seconds() + rules.codeLifetime;
      const pkce = { codeChallenge, codeChallengeMethod };
      codes.set(code, { clientId: client.id, user, redirectUri, scopes, expireTime, ...pkce, revoked: false });
      return makeRedirectUri(request.finalRedirectUri, { code, state: request.state });
    },
    /** The user denied: the error league sends to the client, state first. */
    deny(request: AuthRequest): LeagueError {
      const withState = makeRedirectUri(request.finalRedirectUri, { state: request.state });
      return accessDenied('The user denied the request', withState);
    },
    /** league's AuthCodeGrant at the token endpoint; a code is revoked once it has been redeemed. */
    redeemCode(fields: Record<string, string>, basic?: { id: string; secret: string }) {
      const client = authenticatedClient(fields, basic);
      if (fields.code === undefined) throw invalidRequest('code');
      const code = codes.get(fields.code);
      if (!code) throw invalidRequest('code', 'Cannot decrypt the authorization code');
      if (seconds() > code.expireTime) throw invalidRequest('code', 'Authorization code has expired');
      if (code.revoked) throw invalidRequest('code', 'Authorization code has been revoked');
      if (code.clientId !== client.id) throw invalidRequest('code', 'Authorization code was not issued to this client');
      if (code.redirectUri && fields.redirect_uri === undefined) throw invalidRequest('redirect_uri');
      if ((code.redirectUri ?? null) !== (fields.redirect_uri ?? null)) {
        throw invalidRequest('redirect_uri', 'Invalid redirect URI');
      }
      verifyCodeVerifier(code, fields.code_verifier);
      const token = store.mint('authorization_code', client, store.newGrant(code.user), code.scopes);
      code.revoked = true;
      return tokenResponse(token);
    },
    /** league's RefreshTokenGrant: the old access and refresh tokens are revoked, a new pair issued. */
    refresh(fields: Record<string, string>, basic?: { id: string; secret: string }) {
      const client = authenticatedClient(fields, basic);
      if (fields.refresh_token === undefined) throw invalidRequest('refresh_token');
      const live = store.refreshTokens.get(fields.refresh_token);
      const old = live ?? store.retiredRefreshToken(fields.refresh_token);
      if (!old) throw invalidRefreshToken('Cannot decrypt the refresh token');
      if (old.client.id !== client.id) throw invalidRefreshToken('Token is not linked to client');
      if (old.refreshTokenExpiresAt && old.refreshTokenExpiresAt.getTime() < Date.now()) {
        throw invalidRefreshToken('Token has expired');
      }
      if (!live) throw invalidRefreshToken('Token has been revoked');
      const scopes = fields.scope === undefined ? (old.scope ?? []) : scopeList(fields.scope);
      for (const scope of scopes) {
        if (!rules.scopes.includes(scope) || !(old.scope ?? []).includes(scope)) throw invalidScope(scope);
      }
      store.revokeAccessToken(old.accessToken);
      store.retireRefreshToken(old.refreshToken);
      return tokenResponse(store.mint('refresh_token', client, old.user, scopes));
    },
  };
}

export type PassportGrants = ReturnType<typeof createPassportGrants>;
