import OAuth2Server from '@node-oauth/oauth2-server';
import { createTokenStore, type EmulatedUser, type GrantHolder, type TokenStoreOptions } from './token-store.js';

export type { EmulatedClient, EmulatedUser } from './token-store.js';

export interface OAuthEmulatorOptions extends TokenStoreOptions {
  /** Seconds an authorization code lives. */
  codeLifetime: number;
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  /** The only scopes the provider grants; a request for any other fails as `invalid_scope`. */
  allowedScopes?: string[];
  /** The scope granted when none is asked for. */
  defaultScope?: string[];
}

type Code = OAuth2Server.AuthorizationCode;

/**
 * An authorization server on @node-oauth/oauth2-server, keeping clients, codes and tokens in memory:
 * codes are single-use, PKCE is checked, and each refresh rotates the refresh token.
 */
export function createOAuthEmulator(options: OAuthEmulatorOptions) {
  const store = createTokenStore(options);
  const codes = new Map<string, Code>();

  const asModelClient = (id: string): OAuth2Server.Client | false => {
    const client = store.clients.get(id);
    if (!client) return false;
    return { id: client.id, redirectUris: client.redirectUris, grants: ['authorization_code', 'refresh_token'] };
  };

  const model: OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel = {
    async getClient(clientId, clientSecret) {
      const client = store.clients.get(clientId);
      const secretGiven = clientSecret !== null && clientSecret !== undefined;
      if (!client || (secretGiven && clientSecret !== client.secret)) return false;
      return asModelClient(clientId);
    },
    async saveAuthorizationCode(code, client, user) {
      const saved = { ...code, client, user } as Code;
      codes.set(code.authorizationCode, saved);
      return saved;
    },
    async getAuthorizationCode(code) {
      return codes.get(code) ?? false;
    },
    async revokeAuthorizationCode(code) {
      return codes.delete(code.authorizationCode);
    },
    // A code's tokens start a grant; a refresh keeps the grant of the refresh token it rotates.
    async saveToken(token, client, user) {
      const grant = token.authorizationCode ? 'authorization_code' : 'refresh_token';
      const holder = token.authorizationCode ? store.newGrant(user as EmulatedUser) : (user as GrantHolder);
      const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, scope } = token;
      const saved = store.save(grant, {
        accessToken,
        accessTokenExpiresAt,
        refreshToken,
        refreshTokenExpiresAt,
        scope,
        client: { id: client.id },
        user: holder,
      });
      return { ...saved, client, user: holder };
    },
    async getAccessToken(accessToken) {
      const found = store.accessTokens.get(accessToken);
      const client = found && asModelClient(found.client.id);
      return found && client ? { ...found, client } : false;
    },
    async getRefreshToken(refreshToken) {
      const found = store.liveRefreshToken(refreshToken);
      const client = found && asModelClient(found.client.id);
      return found && client ? { ...found, client } : false;
    },
    async revokeToken(token) {
      return store.retireRefreshToken(token.refreshToken);
    },
    async validateScope(_user, _client, scope) {
      const asked = scope?.length ? scope : (options.defaultScope ?? []);
      if (options.allowedScopes && asked.some((name) => !options.allowedScopes!.includes(name))) return false;
      return asked;
    },
  };

  const server = new OAuth2Server({
    model,
    authorizationCodeLifetime: options.codeLifetime,
    accessTokenLifetime: options.accessTokenLifetime,
    refreshTokenLifetime: options.refreshTokenLifetime,
    allowEmptyState: true,
    alwaysIssueNewRefreshToken: true,
  });

  return {
    ...store,
    /** The user's approval: the Location to redirect to, with `code` and `state` (or the error). */
    async approve(params: Record<string, string>, user: EmulatedUser): Promise<string> {
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const request = new OAuth2Server.Request({ method: 'POST', headers, query: {}, body: params });
      const response = new OAuth2Server.Response({});
      await server.authorize(request, response, { authenticateHandler: { handle: () => user } }).catch(() => undefined);
      const location = response.get('location') as string | undefined;
      if (!location) throw new Error('the authorization request is invalid');
      return location;
    },
    /** The token endpoint: a form POST with the given headers and parameters; answers status and JSON body. */
    async token(
      headers: Record<string, string>,
      params: Record<string, string>,
    ): Promise<{ status: number; body: Record<string, unknown> }> {
      store.countTokenCall(params.grant_type);
      // type-is, which the library asks, sees a body only with a length: the form was parsed already.
      const form = {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(new URLSearchParams(params).toString().length),
      };
      const request = new OAuth2Server.Request({
        method: 'POST',
        headers: { ...headers, ...form },
        query: {},
        body: params,
      });
      const response = new OAuth2Server.Response({});
      try {
        await server.token(request, response);
        return { status: response.status ?? 200, body: response.body as Record<string, unknown> };
      } catch (error) {
        const oauthError = error as { code?: number; name?: string; message?: string };
        const body = { error: oauthError.name ?? 'server_error', error_description: oauthError.message };
        return { status: oauthError.code ?? 400, body };
      }
    },
  };
}

export type OAuthEmulator = ReturnType<typeof createOAuthEmulator>;
