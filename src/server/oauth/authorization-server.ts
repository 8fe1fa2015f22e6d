import * as oauth from 'oauth4webapi';
import { parseUrl } from '../../protocol/urls.js';
import { ServerError } from '../errors.js';
import { endpointFailure } from './oauth-errors.js';
import type { TokenEndpointClient } from './token-set.js';

/**
 * The oauth4webapi view of a provider, one object per provider kept for the process's life, so its
 * JWKS is fetched once and cached with it. Providers without an issuer identifier (plain OAuth 2.0)
 * get their token endpoint's origin as a stand-in; it is never compared with anything they send.
 */
const servers = new Map<string, oauth.AuthorizationServer>();
/** Per-instance providers can be many: the oldest are dropped past this many. */
const MAX_KEPT = 1000;

function keep<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
  return value;
}

export function authorizationServer(client: TokenEndpointClient): oauth.AuthorizationServer {
  const key = `${client.issuer ?? ''} ${client.tokenEndpoint} ${client.jwksUri ?? ''}`;
  const issuer = client.issuer ?? new URL(client.tokenEndpoint).origin;
  return (
    servers.get(key) ?? keep(servers, key, { issuer, token_endpoint: client.tokenEndpoint, jwks_uri: client.jwksUri })
  );
}

/** The client authentication a style stands for (RFC 6749 section 2.3.1). */
export function clientAuthentication(client: TokenEndpointClient): oauth.ClientAuth {
  return client.style === 'client_secret_post'
    ? oauth.ClientSecretPost(client.clientSecret)
    : oauth.ClientSecretBasic(client.clientSecret);
}

/** What every oauth4webapi grant request takes first: the provider, our client, and its authentication. */
export function grantParties(client: TokenEndpointClient): [oauth.AuthorizationServer, oauth.Client, oauth.ClientAuth] {
  return [authorizationServer(client), { client_id: client.clientId }, clientAuthentication(client)];
}

/** oauth4webapi's request options: our outbound fetch (timeouts, size caps, the guard) decides what may be reached. */
export function requestOptions(fetcher: typeof fetch) {
  return { [oauth.customFetch]: fetcher as never, [oauth.allowInsecureRequests]: true };
}

const discovered = new Map<string, { server: oauth.AuthorizationServer; until: number }>();
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * The provider's metadata (RFC 8414 section 3, or OpenID Connect Discovery 1.0 section 4), whose
 * `issuer` must equal `issuer` (RFC 8414 section 3.3). Kept for an hour.
 */
export async function discover(
  issuer: string,
  fetcher: typeof fetch,
  algorithm: 'oidc' | 'oauth2' = 'oidc',
): Promise<oauth.AuthorizationServer> {
  const key = `${algorithm} ${issuer}`;
  const cached = discovered.get(key);
  if (cached && cached.until > Date.now()) return cached.server;
  const expected = parseUrl(issuer);
  if (!expected) throw new ServerError(500, 'server_error', `the issuer ${JSON.stringify(issuer)} is not a URL`);
  try {
    const response = await oauth.discoveryRequest(expected, { ...requestOptions(fetcher), algorithm });
    const server = await oauth.processDiscoveryResponse(expected, response);
    return keep(discovered, key, { server, until: Date.now() + DISCOVERY_TTL_MS }).server;
  } catch (error) {
    throw endpointFailure(error, `the metadata of ${issuer}`);
  }
}
