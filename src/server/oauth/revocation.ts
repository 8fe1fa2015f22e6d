import * as oauth from 'oauth4webapi';
import { parseHttpUrl } from '../../protocol/urls.js';
import { ServerError } from '../errors.js';
import { assertOnOrigin } from '../outbound/index.js';
import type { ResolvedProvider } from '../providers.js';
import { clientAuthentication, discover, requestOptions } from './authorization-server.js';
import { endpointFailure } from './oauth-errors.js';
import type { TokenEndpointClient, TokenSet } from './token-set.js';

/** The tokens a revocation request can name, as `token_type_hint` values (RFC 7009 section 2.1). */
export type RevocableToken = 'refresh_token' | 'access_token';

/** What the provider did with each token held: revoked, or kept because it does not revoke that type. */
export interface RevocationOutcome {
  revoked: RevocableToken[];
  /** Held but not revoked: no revocation endpoint, or `unsupported_token_type` (RFC 7009 section 2.2.1). */
  notRevoked: RevocableToken[];
}

export interface RevocationClient extends TokenEndpointClient {
  revocationEndpoint: string;
}

/** RFC 7009 section 2.1: the refresh token first, since revoking it ends the grant and its access tokens. */
const ORDER: RevocableToken[] = ['refresh_token', 'access_token'];

/** The token types of `tokens` that hold a usable value, in the order they are revoked. */
export function heldTokenTypes(tokens: Partial<Record<RevocableToken, unknown>>): RevocableToken[] {
  return ORDER.filter((type) => typeof tokens[type] === 'string' && tokens[type] !== '');
}

/**
 * The provider's revocation endpoint: `revocationEndpoint` from its settings, else `revocation_endpoint`
 * from its metadata when it uses `discovery` (RFC 8414 section 2); undefined when it has none. Never from
 * a request. Metadata published by an instance must name an endpoint on that instance's origin.
 */
export async function revocationEndpointOf(
  settings: ResolvedProvider,
  fetcher: typeof fetch,
  instance?: string,
): Promise<string | undefined> {
  let endpoint = settings.revocationEndpoint;
  if (endpoint === undefined && settings.discovery && settings.issuer) {
    endpoint = (await discover(settings.issuer, fetcher)).revocation_endpoint;
    if (endpoint !== undefined && instance !== undefined) assertOnOrigin(endpoint, instance, 'revocation_endpoint');
  }
  if (endpoint !== undefined && !parseHttpUrl(endpoint)) {
    throw new ServerError(500, 'server_error', 'the provider\'s "revocationEndpoint" must be an http(s) URL');
  }
  return endpoint;
}

/** Revokes one token; false when the provider does not revoke tokens of this type. */
async function revokeOne(
  client: RevocationClient,
  token: string,
  type: RevocableToken,
  fetcher: typeof fetch,
): Promise<boolean> {
  const server = {
    issuer: client.issuer ?? new URL(client.revocationEndpoint).origin,
    revocation_endpoint: client.revocationEndpoint,
  };
  const options = { ...requestOptions(fetcher), additionalParameters: { token_type_hint: type } };
  try {
    const response = await oauth.revocationRequest(
      server,
      { client_id: client.clientId },
      clientAuthentication(client),
      token,
      options,
    );
    await oauth.processRevocationResponse(response);
    return true;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError && error.error === 'unsupported_token_type') return false;
    throw endpointFailure(error, `the revocation endpoint of ${server.issuer}`);
  }
}

/** A failure at the provider, said with what had been revoked before it. */
function revocationFailure(error: unknown, revoked: RevocableToken[]): ServerError {
  const failure = endpointFailure(error, 'the revocation endpoint');
  if (!revoked.length) return failure;
  const message = `${failure.message}, after the ${revoked.join(' and ')} was revoked`;
  return new ServerError(failure.status, failure.code, message, { cause: failure.cause ?? failure });
}

/**
 * Revokes the tokens held (RFC 7009 section 2.1), the refresh token first with `token_type_hint=refresh_token`,
 * then the access token, authenticating as the token request does. A provider that answers 200 has revoked
 * the token, or found it already invalid (section 2.2): either way it no longer works. `unsupported_token_type`
 * leaves that token to expire. Anything else (no answer in time, 5xx, another error) throws a 502 ServerError
 * that says what was revoked before it.
 */
export async function revokeTokens(
  client: RevocationClient,
  tokens: Partial<Pick<TokenSet, RevocableToken>>,
  fetcher: typeof fetch,
): Promise<RevocationOutcome> {
  const outcome: RevocationOutcome = { revoked: [], notRevoked: [] };
  for (const type of heldTokenTypes(tokens)) {
    let revoked: boolean;
    try {
      revoked = await revokeOne(client, tokens[type]!, type, fetcher);
    } catch (error) {
      throw revocationFailure(error, outcome.revoked);
    }
    outcome[revoked ? 'revoked' : 'notRevoked'].push(type);
  }
  return outcome;
}
