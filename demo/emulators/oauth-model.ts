import OAuth2Server from '@node-oauth/oauth2-server';

/** A client registered at an emulated provider. */
export interface EmulatedClient {
  id: string;
  secret: string;
  name: string;
  redirectUris: string[];
  scopes?: string;
  website?: string;
}

export interface EmulatedUser {
  id: string;
  username: string;
  name: string;
}

export interface OAuthEmulatorOptions {
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
type Token = OAuth2Server.Token;
type RefreshToken = OAuth2Server.RefreshToken;

/**
 * An authorization server core built on @node-oauth/oauth2-server (the library Gancio is built on),
 * with everything kept in memory: clients, codes, access and refresh tokens.
 */
export function createOAuthEmulator(options: OAuthEmulatorOptions) {
  const clients = new Map<string, EmulatedClient>();
  const codes = new Map<string, Code>();
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, RefreshToken>();
  /** Every code redeemed and every token issued, for tests to look at. */
  const issued: { grant: string; clientId: string; accessToken: string }[] = [];

  const asModelClient = (client: EmulatedClient): OAuth2Server.Client => ({
    id: client.id,
    redirectUris: client.redirectUris,
    grants: ['authorization_code', 'refresh_token'],
  });

  const model: OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel = {
    async getClient(clientId, clientSecret) {
      const client = clients.get(clientId);
      if (!client || (clientSecret !== null && clientSecret !== undefined && clientSecret !== client.secret)) return false;
      return asModelClient(client);
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
    async saveToken(token, client, user) {
      const saved = { ...token, client, user } as Token;
      accessTokens.set(token.accessToken, saved);
      if (token.refreshToken) {
        refreshTokens.set(token.refreshToken, { refreshToken: token.refreshToken, refreshTokenExpiresAt: token.refreshTokenExpiresAt, scope: token.scope, client, user });
      }
      issued.push({ grant: 'token', clientId: client.id, accessToken: token.accessToken });
      return saved;
    },
    async getAccessToken(accessToken) {
      return accessTokens.get(accessToken) ?? false;
    },
    async getRefreshToken(refreshToken) {
      return refreshTokens.get(refreshToken) ?? false;
    },
    // The old refresh token dies when a new one is issued: rotation.
    async revokeToken(token) {
      return refreshTokens.delete(token.refreshToken);
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
    clients,
    issued,
    refreshTokens,
    addClient(client: EmulatedClient) {
      clients.set(client.id, client);
      return client;
    },
    /** The user's approval: the Location to redirect to, with `code` and `state` (or the error). */
    async approve(params: Record<string, string>, user: EmulatedUser): Promise<string> {
      const request = new OAuth2Server.Request({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, query: {}, body: params });
      const response = new OAuth2Server.Response({});
      await server.authorize(request, response, { authenticateHandler: { handle: () => user } }).catch(() => undefined);
      const location = response.get('location') as string | undefined;
      if (!location) throw new Error('the authorization request is invalid');
      return location;
    },
    /** The token endpoint: a form POST with the given headers and parameters; answers status and JSON body. */
    async token(headers: Record<string, string>, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
      // type-is, which the library asks, sees a body only with a length: the form was parsed already.
      const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(new URLSearchParams(params).toString().length) };
      const request = new OAuth2Server.Request({ method: 'POST', headers: { ...headers, ...form }, query: {}, body: params });
      const response = new OAuth2Server.Response({});
      try {
        await server.token(request, response);
        return { status: response.status ?? 200, body: response.body as Record<string, unknown> };
      } catch (error) {
        const oauthError = error as { code?: number; name?: string; message?: string };
        return { status: oauthError.code ?? 400, body: { error: oauthError.name ?? 'server_error', error_description: oauthError.message } };
      }
    },
    /** The user an access token belongs to, or undefined. */
    async userOf(authorization: string | undefined): Promise<EmulatedUser | undefined> {
      const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
      const found = token ? accessTokens.get(token) : undefined;
      if (!found || (found.accessTokenExpiresAt && found.accessTokenExpiresAt < new Date())) return undefined;
      return found.user as EmulatedUser;
    },
  };
}

export type OAuthEmulator = ReturnType<typeof createOAuthEmulator>;
