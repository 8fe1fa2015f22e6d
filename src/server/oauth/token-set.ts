import { ServerError } from '../errors.js';

/**
 * How the client authenticates at the token endpoint (RFC 6749 section 2.3.1), or `query` for providers that take a
 * GET.
 */
export type TokenEndpointStyle = 'client_secret_basic' | 'client_secret_post' | 'query';

export interface TokenEndpointClient {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  style?: TokenEndpointStyle;
  /** The provider's issuer identifier: ID Tokens must name it (OpenID Connect Core section 3.1.3.7). */
  issuer?: string;
  /** Where the provider's signing keys are; needed to check an ID Token's signature. */
  jwksUri?: string;
}

/** The provider's token response (RFC 6749 section 5.1); extra members kept. */
export interface TokenSet {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
  [member: string]: unknown;
}

/** The token endpoint refused, or answered something that is not a token response. `error` is the provider's code. */
export class TokenEndpointError extends ServerError {
  constructor(
    readonly providerStatus: number,
    readonly error: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(502, error, message, options);
    this.name = 'TokenEndpointError';
  }
}
