import { parseHttpUrl } from '../protocol/urls.js';
import { ServerError } from './errors.js';
import { discover } from './oauth/authorization-server.js';
import type { TokenEndpointClient } from './oauth/token-set.js';

/** One provider as the backend knows it. The browser only ever names it; every endpoint comes from here. */
export interface ProviderSettings extends Omit<TokenEndpointClient, 'tokenEndpoint'> {
  /** Required unless `discovery` finds it. */
  authorizeEndpoint?: string;
  /** Required unless `discovery` finds it. */
  tokenEndpoint?: string;
  /** RFC 7009 revocation endpoint, for `createDisconnectHandler`; with `discovery`, read from the metadata. */
  revocationEndpoint?: string;
  /** The registered callback page; give each issuer its own (RFC 9700 section 4.4.2). */
  redirectUri: string;
  scope?: string;
  /** The provider's issuer identifier; a response whose `iss` differs is refused (RFC 9207). */
  issuer?: string;
  /**
   * Read the endpoints, `jwksUri` and whether responses carry `iss` from the issuer's metadata
   * (OpenID Connect Discovery 1.0, RFC 8414), once an hour. Needs `issuer`.
   */
  discovery?: boolean;
  /** Refuse a response without `iss`; with `discovery`, what the metadata says. */
  requireIss?: boolean;
  /** PKCE S256 (RFC 7636); default true. */
  pkce?: boolean;
  /** Sent as `display`; default `popup`, `''` leaves it out. */
  display?: string;
  /** `web_message` when the provider posts the response to the opener itself. */
  responseMode?: 'query' | 'fragment' | 'web_message';
  /**
   * Extra authorize parameters. The names the request sets itself (`state`, `client_id`, …, see
   * `RESERVED_PARAMS`) are refused: the start handler answers 500 `server_error` naming the one.
   */
  params?: Record<string, string>;
  /**
   * Also accept flows the widget started in the browser (no `start-url`): the widget then checked
   * the state itself, and its `code_verifier` is used. Default false: only server-started flows.
   */
  browserStart?: boolean;
}

/** Settings with every endpoint known. */
export type ResolvedProvider = ProviderSettings & { authorizeEndpoint: string; tokenEndpoint: string };

/**
 * A provider with one fixed client, or, for providers that run as many instances (Gancio, Mastodon-like
 * servers), a function from the instance's origin to its settings, e.g. through `createClientRegistry`.
 */
export type ProviderEntry = ProviderSettings | ((instance: string) => ProviderSettings | Promise<ProviderSettings>);

export type ProviderTable = Record<string, ProviderEntry>;

export function isPerInstance(
  entry: ProviderEntry | undefined,
): entry is (instance: string) => ProviderSettings | Promise<ProviderSettings> {
  return typeof entry === 'function';
}

export function providerEntry(providers: ProviderTable, name: string): ProviderEntry | undefined {
  return Object.hasOwn(providers, name) ? providers[name] : undefined;
}

async function completeFromMetadata(settings: ProviderSettings, fetcher: typeof fetch): Promise<ResolvedProvider> {
  let resolved = settings;
  if (settings.discovery) {
    if (!settings.issuer) throw new ServerError(500, 'server_error', 'a provider with "discovery" needs its "issuer"');
    const metadata = await discover(settings.issuer, fetcher);
    resolved = {
      ...settings,
      authorizeEndpoint: settings.authorizeEndpoint ?? metadata.authorization_endpoint,
      tokenEndpoint: settings.tokenEndpoint ?? metadata.token_endpoint,
      jwksUri: settings.jwksUri ?? metadata.jwks_uri,
      requireIss: settings.requireIss ?? metadata.authorization_response_iss_parameter_supported === true,
    };
  }
  if (!resolved.authorizeEndpoint || !resolved.tokenEndpoint) {
    throw new ServerError(
      500,
      'server_error',
      'a provider needs "authorizeEndpoint" and "tokenEndpoint", or "issuer" with "discovery"',
    );
  }
  // The browser navigates to the authorization endpoint: only an http(s) URL may reach it.
  if (!parseHttpUrl(resolved.authorizeEndpoint)) {
    throw new ServerError(500, 'server_error', 'the provider\'s "authorizeEndpoint" must be an http(s) URL');
  }
  return resolved as ResolvedProvider;
}

/**
 * The settings of `name` (at `instance` for per-instance providers). Throws a ServerError with the
 * status to answer; a failing instance is described without anything it sent.
 */
export async function resolveProvider(
  providers: ProviderTable,
  name: string,
  instance: string | undefined,
  fetcher: typeof fetch,
): Promise<ResolvedProvider> {
  const entry = providerEntry(providers, name);
  if (!entry) throw new ServerError(400, 'invalid_request', `unknown provider ${JSON.stringify(name)}`);
  if (!isPerInstance(entry)) {
    if (instance !== undefined)
      throw new ServerError(400, 'invalid_request', `provider ${JSON.stringify(name)} does not take an "instance"`);
    return completeFromMetadata(entry, fetcher);
  }
  if (instance === undefined) {
    throw new ServerError(
      400,
      'invalid_request',
      `provider ${JSON.stringify(name)} needs an "instance": the origin of the user's server`,
    );
  }
  try {
    return await completeFromMetadata(await entry(instance), fetcher);
  } catch (cause) {
    if (cause instanceof ServerError && cause.status < 500) throw cause;
    throw new ServerError(502, 'temporarily_unavailable', `the instance ${instance} could not be set up`, { cause });
  }
}
