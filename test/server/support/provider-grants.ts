/** The provider emulator's grants: tokens issued per code, rotating refresh tokens, revocation on reuse. */
import { randomBytes } from 'node:crypto';

/** What one approved authorization issued, as it stands now. */
export interface Grant {
  clientId: string;
  accessToken: string;
  /** The one refresh token that still works, unless the grant is revoked. */
  refreshToken: string;
  revoked: boolean;
}

/** RFC 6749 section 5.1. */
interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

const token = (kind: string) => `${kind}-${randomBytes(18).toString('base64url')}`;

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TokenLedger {
  readonly #byCode = new Map<string, Grant>();
  readonly #refreshTokens = new Map<string, { grant: Grant; rotated: boolean }>();
  #revoked = 0;

  #respond(grant: Grant): TokenResponse {
    grant.accessToken = token('access');
    grant.refreshToken = token('refresh');
    this.#refreshTokens.set(grant.refreshToken, { grant, rotated: false });
    return {
      access_token: grant.accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: grant.refreshToken,
      scope: 'read',
    };
  }

  /** The first tokens of a grant, for a code redeemed now. */
  issue(code: string, clientId: string): TokenResponse {
    const grant: Grant = { clientId, accessToken: '', refreshToken: '', revoked: false };
    this.#byCode.set(code, grant);
    return this.#respond(grant);
  }

  /**
   * New tokens for a live refresh token, which dies now (rotation). A refresh token that was already
   * rotated was stolen or spent twice: the whole grant is revoked. Returns why it refused, as text.
   */
  rotate(refreshToken: string, clientId: string): TokenResponse | string {
    const known = this.#refreshTokens.get(refreshToken);
    if (!known || known.grant.clientId !== clientId) return 'unknown refresh_token';
    if (known.grant.revoked) return 'the grant of this refresh_token was revoked';
    if (known.rotated) {
      this.revoke(known.grant);
      return 'this refresh_token was already used; the grant is revoked';
    }
    known.rotated = true;
    return this.#respond(known.grant);
  }

  revoke(grant: Grant): void {
    if (grant.revoked) return;
    grant.revoked = true;
    this.#revoked++;
  }

  grantOf(code: string): Grant | undefined {
    return this.#byCode.get(code);
  }

  isLive(refreshToken: string): boolean {
    const known = this.#refreshTokens.get(refreshToken);
    return Boolean(known && !known.rotated && !known.grant.revoked);
  }

  revokedCount(): number {
    return this.#revoked;
  }
}
