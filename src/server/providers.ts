import type { TokenEndpointClient } from './token-request.js';

/** One provider as the backend knows it. The browser only ever names it; every endpoint comes from here. */
export interface ProviderSettings extends TokenEndpointClient {
  authorizeEndpoint: string;
  /** The registered callback page. */
  redirectUri: string;
  scope?: string;
  /** The provider's issuer identifier; a response whose `iss` differs is refused (RFC 9207). */
  issuer?: string;
  /** PKCE S256 (RFC 7636); default true. */
  pkce?: boolean;
  /** Sent as `display`; default `popup`, `''` leaves it out. */
  display?: string;
  /** `web_message` when the provider posts the response to the opener itself. */
  responseMode?: 'query' | 'fragment' | 'web_message';
  /** Extra authorize parameters. */
  params?: Record<string, string>;
  /**
   * Also accept flows the widget started in the browser (no `start-url`): the widget then checked
   * the state itself, and its `code_verifier` is used. Default false: only server-started flows.
   */
  browserStart?: boolean;
}

/**
 * A provider with one fixed client, or, for providers that run as many instances (Gancio, Mastodon-like
 * servers), a function from the instance's origin to its settings, e.g. through `createClientRegistry`.
 */
export type ProviderEntry = ProviderSettings | ((instance: string) => ProviderSettings | Promise<ProviderSettings>);

export type ProviderTable = Record<string, ProviderEntry>;

export class ProviderLookupError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** The origin of an instance address: `https://host[:port]` only, no path, query, fragment or credentials. */
export function readInstanceOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return undefined;
  return url.origin;
}

export function isPerInstance(entry: ProviderEntry | undefined): entry is (instance: string) => ProviderSettings | Promise<ProviderSettings> {
  return typeof entry === 'function';
}

/** The settings of `name` (at `instance` for per-instance providers); throws ProviderLookupError with the status to answer. */
export async function resolveProvider(providers: ProviderTable, name: string, instance: string | undefined): Promise<ProviderSettings> {
  const entry = Object.hasOwn(providers, name) ? providers[name] : undefined;
  if (!entry) throw new ProviderLookupError(400, 'invalid_request', `unknown provider "${name}"`);
  if (!isPerInstance(entry)) {
    if (instance !== undefined) throw new ProviderLookupError(400, 'invalid_request', `provider "${name}" does not take an "instance"`);
    return entry;
  }
  if (instance === undefined) throw new ProviderLookupError(400, 'invalid_request', `provider "${name}" needs an "instance": the origin of the user's server`);
  try {
    return await entry(instance);
  } catch (cause) {
    throw new ProviderLookupError(502, 'temporarily_unavailable', `the instance ${instance} could not be set up: ${(cause as Error)?.message ?? cause}`);
  }
}
