import * as oauth from 'oauth4webapi';
import { ServerError } from '../errors.js';
import { grantParties, requestOptions } from './authorization-server.js';
import { endpointFailure } from './oauth-errors.js';
import { queryGrant } from './query-grant.js';
import { TokenEndpointError, type TokenEndpointClient, type TokenSet } from './token-set.js';

export interface CodeGrant {
  code: string;
  /** The redirect URI the authorization request used (RFC 6749 section 4.1.3). */
  redirectUri: string;
  codeVerifier?: string;
  /** The `nonce` the authorization request carried: the ID Token must carry it back. */
  nonce?: string;
}

/**
 * Redeems an authorization code (RFC 6749 section 4.1.3) through oauth4webapi, which checks the
 * token response (section 5.1) and any ID Token's claims: `iss`, `aud`, `exp`, `nonce` (OpenID
 * Connect Core section 3.1.3.7); its signature is then checked against the provider's JWKS.
 */
export async function redeemCode(
  client: TokenEndpointClient,
  grant: CodeGrant,
  fetcher: typeof fetch,
): Promise<TokenSet> {
  if (client.style === 'query') {
    const params: Record<string, string> = {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
    };
    if (grant.codeVerifier) params.code_verifier = grant.codeVerifier;
    return queryGrant(client, params, fetcher);
  }
  const [server, app, auth] = grantParties(client);
  const what = `the token endpoint of ${server.issuer}`;
  try {
    // The state was checked by the flow keeper already; this only brands the parameters for the grant.
    const callback = oauth.validateAuthResponse(
      server,
      app,
      new URLSearchParams({ code: grant.code }),
      oauth.skipStateCheck,
    );
    const verifier = grant.codeVerifier ?? oauth.nopkce;
    const options = requestOptions(fetcher);
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      app,
      auth,
      callback,
      grant.redirectUri,
      verifier,
      options,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(server, app, response, {
      expectedNonce: grant.nonce,
      requireIdToken: grant.nonce !== undefined,
    });
    if (tokens.id_token) await checkIdTokenSignature(server, response, fetcher);
    return tokens as TokenSet;
  } catch (error) {
    throw endpointFailure(error, what);
  }
}

/** An ID Token is used only when its signature is the provider's (OpenID Connect Core section 3.1.3.7, step 6). */
export async function checkIdTokenSignature(
  server: oauth.AuthorizationServer,
  response: Response,
  fetcher: typeof fetch,
): Promise<void> {
  if (!server.jwks_uri) {
    throw new ServerError(
      500,
      'server_error',
      `an ID Token came from ${server.issuer}, but its keys are unknown: ` +
        'set "jwksUri" or "discovery" for this provider',
    );
  }
  try {
    await oauth.validateApplicationLevelSignature(server, response, requestOptions(fetcher));
  } catch (cause) {
    // The keys could not be fetched (a ServerError of the outbound layer): not a bad token.
    if (cause instanceof ServerError) throw cause;
    throw new TokenEndpointError(
      0,
      'invalid_id_token',
      `the ID Token's signature is not one of ${server.issuer}'s keys`,
      { cause },
    );
  }
}
