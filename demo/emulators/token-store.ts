import { randomBytes } from 'node:crypto';

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

/** A user as the tokens of one grant hold them: every refresh of one code's tokens keeps its `grantId`. */
export interface GrantHolder extends EmulatedUser {
  grantId: string;
}

export interface AccessTokenRecord {
  /** The token's id, as Passport lists it; never the token itself. */
  id: string;
  accessToken: string;
  accessTokenExpiresAt?: Date;
  refreshToken?: string;
  refreshTokenExpiresAt?: Date;
  scope?: string[];
  client: { id: string };
  user: GrantHolder;
}

export interface RefreshTokenRecord {
  refreshToken: string;
  refreshTokenExpiresAt?: Date;
  scope?: string[];
  client: { id: string };
  user: GrantHolder;
  /** The access token issued with it. */
  accessToken: string;
}

export interface TokenStoreOptions {
  /** Seconds an access token lives; without it, tokens never expire (as Gancio's). */
  accessTokenLifetime?: number;
  refreshTokenLifetime?: number;
  /**
   * Presenting a refresh token that was already rotated revokes its whole grant, the newest refresh token
   * included (reuse detection, RFC 9700 section 4.14.2), as Auth0 and Okta do.
   */
  revokeOnReuse?: boolean;
}

const newToken = () => randomBytes(24).toString('hex');
const later = (seconds: number | undefined) =>
  seconds === undefined ? undefined : new Date(Date.now() + seconds * 1000);

/** Clients and tokens of an emulated provider, in memory, with counts of what its token endpoint did. */
export function createTokenStore(options: TokenStoreOptions) {
  const clients = new Map<string, EmulatedClient>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  /** Refresh tokens that still work. */
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Refresh tokens used up by rotation or revoked: known, and refused. */
  const retiredRefreshTokens = new Map<string, RefreshTokenRecord>();
  /** Every token response given, by grant: what tests check nothing was redeemed. */
  const issued: { grant: string; clientId: string; accessToken: string }[] = [];
  /** Every request the token endpoint received, answered or not, by its `grant_type`. */
  const tokenCalls: Record<string, number> = {};
  /** Settings a test may change while the provider runs. */
  const policy = { revokeOnReuse: options.revokeOnReuse ?? false };

  const retire = (refreshToken: string) => {
    const record = refreshTokens.get(refreshToken);
    if (!record) return false;
    refreshTokens.delete(refreshToken);
    retiredRefreshTokens.set(refreshToken, record);
    return true;
  };
  const save = (grant: string, token: Omit<AccessTokenRecord, 'id'>): AccessTokenRecord => {
    const saved = { ...token, id: newToken() };
    accessTokens.set(saved.accessToken, saved);
    if (saved.refreshToken) {
      const { refreshToken, refreshTokenExpiresAt, scope, client, user, accessToken } = saved;
      refreshTokens.set(refreshToken, { refreshToken, refreshTokenExpiresAt, scope, client, user, accessToken });
    }
    issued.push({ grant, clientId: saved.client.id, accessToken: saved.accessToken });
    return saved;
  };
  const revokeGrant = (grantId: string): void => {
    for (const [token, record] of accessTokens) if (record.user.grantId === grantId) accessTokens.delete(token);
    for (const [token, record] of refreshTokens) if (record.user.grantId === grantId) retire(token);
  };

  return {
    clients,
    accessTokens,
    refreshTokens,
    issued,
    tokenCalls,
    policy,
    addClient(client: EmulatedClient): EmulatedClient {
      clients.set(client.id, client);
      return client;
    },
    countTokenCall(grantType: string | undefined): void {
      const key = grantType || '(none)';
      tokenCalls[key] = (tokenCalls[key] ?? 0) + 1;
    },
    /** The holder for the tokens of a new grant (a code being redeemed) by `user`. */
    newGrant(user: EmulatedUser): GrantHolder {
      return { id: user.id, username: user.username, name: user.name, grantId: newToken() };
    },
    /** Keeps tokens issued under `grant` ('authorization_code' or 'refresh_token'). */
    save,
    /** New access and refresh tokens, with the store's lifetimes. */
    mint(grant: string, client: { id: string }, user: GrantHolder, scope?: string[]): AccessTokenRecord {
      return save(grant, {
        accessToken: newToken(),
        accessTokenExpiresAt: later(options.accessTokenLifetime),
        refreshToken: newToken(),
        refreshTokenExpiresAt: later(options.refreshTokenLifetime),
        scope,
        client: { id: client.id },
        user,
      });
    },
    /**
     * A refresh token that still works. A retired one answers undefined, and with `revokeOnReuse`
     * first revokes every token of its grant.
     */
    liveRefreshToken(refreshToken: string): RefreshTokenRecord | undefined {
      const retired = retiredRefreshTokens.get(refreshToken);
      if (retired && policy.revokeOnReuse) revokeGrant(retired.user.grantId);
      return refreshTokens.get(refreshToken);
    },
    retiredRefreshToken: (refreshToken: string) => retiredRefreshTokens.get(refreshToken),
    /** Rotation: the refresh token stops working and is remembered as used. */
    retireRefreshToken: retire,
    revokeAccessToken(accessToken: string): void {
      accessTokens.delete(accessToken);
    },
    revokeGrant,
    /** The user's unexpired access token for the client that expires last (Passport's `findValidToken`). */
    validTokenOf(userId: string, clientId: string): AccessTokenRecord | undefined {
      const now = Date.now();
      const valid = [...accessTokens.values()].filter(
        (token) =>
          token.user.id === userId &&
          token.client.id === clientId &&
          (!token.accessTokenExpiresAt || token.accessTokenExpiresAt.getTime() > now),
      );
      const expiry = (token: AccessTokenRecord) => token.accessTokenExpiresAt?.getTime() ?? Infinity;
      return valid.sort((a, b) => expiry(b) - expiry(a))[0];
    },
    /** The user a bearer token belongs to, while it is valid. */
    userOf(authorization: string | undefined): EmulatedUser | undefined {
      const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
      const found = token ? accessTokens.get(token) : undefined;
      if (!found || (found.accessTokenExpiresAt && found.accessTokenExpiresAt < new Date())) return undefined;
      return found.user;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
