import * as oauth from 'oauth4webapi';
import { ServerError } from '../errors.js';
import { grantParties, requestOptions } from './authorization-server.js';
import { checkIdTokenSignature } from './code-grant.js';
import { endpointFailure } from './oauth-errors.js';
import { queryGrant } from './query-grant.js';
import type { TokenEndpointClient, TokenSet } from './token-set.js';

/**
 * Redeems a refresh token (RFC 6749 section 6). A provider that rotates refresh tokens answers with a
 * new one and kills the old; one that does not leaves it out, and the current one is kept.
 */
export async function refreshTokens(
  client: TokenEndpointClient,
  current: Pick<TokenSet, 'refresh_token' | 'scope'>,
  fetcher: typeof fetch = fetch,
): Promise<TokenSet> {
  if (!current.refresh_token) throw new ServerError(400, 'invalid_request', 'there is no refresh_token to use');
  let fresh: TokenSet;
  if (client.style === 'query') {
    fresh = await queryGrant(client, { grant_type: 'refresh_token', refresh_token: current.refresh_token }, fetcher);
  } else {
    const [server, app, auth] = grantParties(client);
    try {
      const options = requestOptions(fetcher);
      const response = await oauth.refreshTokenGrantRequest(server, app, auth, current.refresh_token, options);
      fresh = (await oauth.processRefreshTokenResponse(server, app, response)) as TokenSet;
      if (fresh.id_token) await checkIdTokenSignature(server, response, fetcher);
    } catch (error) {
      throw endpointFailure(error, `the token endpoint of ${server.issuer}`);
    }
  }
  return { ...fresh, refresh_token: fresh.refresh_token ?? current.refresh_token };
}
