import * as oauth from 'oauth4webapi';
import { ServerError } from './errors.js';
import { discover, requestOptions } from './oauth/authorization-server.js';
import { endpointFailure } from './oauth/oauth-errors.js';
import { assertOnOrigin, createOutboundFetch, type OutboundOptions } from './outbound/index.js';
import { singleFlight } from '../protocol/single-flight.js';
import { memoryClientStore } from './stores/memory-stores.js';
import type { ClientStore, Lock, RegisteredClient } from './stores/store-types.js';

export type { ClientStore, RegisteredClient } from './stores/store-types.js';

export interface ClientMetadata {
  clientName: string;
  /**
   * The one redirect URI registered at each instance. A function gives each instance its own, which is
   * the mix-up defence of RFC 9700 section 4.4.2: a response can then be told apart by where it arrived.
   */
  redirectUri: string | ((instance: string) => string);
  scope?: string;
  /** The app's home page (`client_uri` in RFC 7591, `website` for Gancio). */
  website?: string;
}

export interface ClientRegistryOptions {
  /**
   * `rfc7591`: dynamic registration (RFC 7591 section 3.1) at the `registration_endpoint` of the
   * instance's metadata (RFC 8414). `gancio`: a form POST to `/api/client`.
   */
  style: 'rfc7591' | 'gancio';
  metadata: ClientMetadata;
  /** Default: this process's memory. Share one (`redisClientStore`) between instances, with `lock`. */
  store?: ClientStore;
  /** Shared by every process (`redisLock`), so an instance is registered once however many ask at once. */
  lock?: Lock;
  /**
   * Instances are typed by users: every request to them goes through the outbound guard (https only,
   * public addresses only, no redirects, a timeout and a size cap). `allowHosts` trusts named hosts.
   */
  outbound?: OutboundOptions;
  /** Replaces the outbound layer entirely (tests). */
  fetch?: typeof fetch;
}

/** The redirect URI registered at `instance`. */
export function redirectUriFor(metadata: ClientMetadata, instance: string): string {
  return typeof metadata.redirectUri === 'function' ? metadata.redirectUri(instance) : metadata.redirectUri;
}

/** One way of registering a client at an instance. */
type Registration = (instance: string, metadata: ClientMetadata, fetcher: typeof fetch) => Promise<RegisteredClient>;

const registerAtGancio: Registration = async (instance, metadata, fetcher) => {
  const form = new URLSearchParams({
    client_name: metadata.clientName,
    redirect_uris: redirectUriFor(metadata, instance),
  });
  if (metadata.scope) form.set('scopes', metadata.scope);
  if (metadata.website) form.set('website', metadata.website);
  const what = `client registration at ${instance}`;
  let response: Response;
  let body: { client_id?: unknown; client_secret?: unknown } | undefined;
  try {
    response = await fetcher(new URL('/api/client', instance), {
      method: 'POST',
      body: form,
      headers: { Accept: 'application/json' },
      redirect: 'manual',
    });
    body = (await response.json().catch(() => undefined)) as typeof body;
  } catch (error) {
    throw endpointFailure(error, what);
  }
  if (response.status !== 200 || typeof body?.client_id !== 'string' || typeof body.client_secret !== 'string') {
    throw new ServerError(502, 'temporarily_unavailable', `${what} failed (HTTP ${response.status})`);
  }
  return { clientId: body.client_id, clientSecret: body.client_secret };
};

const registerDynamically: Registration = async (instance, metadata, fetcher) => {
  const server = await discover(instance, fetcher, 'oauth2').catch(() => discover(instance, fetcher, 'oidc'));
  if (!server.registration_endpoint)
    throw new ServerError(502, 'temporarily_unavailable', `${instance} publishes no registration_endpoint`);
  // RFC 9700 section 4.4: the endpoint that receives our metadata must be the instance's own.
  assertOnOrigin(server.registration_endpoint, instance, 'registration_endpoint');
  const body: Partial<oauth.OmitSymbolProperties<oauth.Client>> = {
    client_name: metadata.clientName,
    redirect_uris: [redirectUriFor(metadata, instance)],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...(metadata.scope ? { scope: metadata.scope } : {}),
    ...(metadata.website ? { client_uri: metadata.website } : {}),
  };
  try {
    const response = await oauth.dynamicClientRegistrationRequest(server, body, requestOptions(fetcher));
    const client = await oauth.processDynamicClientRegistrationResponse(response);
    if (typeof client.client_secret !== 'string')
      throw new ServerError(502, 'temporarily_unavailable', `${instance} registered a client without a secret`);
    return { clientId: client.client_id, clientSecret: client.client_secret };
  } catch (error) {
    throw endpointFailure(error, `client registration at ${instance}`);
  }
};

/** Registers a new client at `instance` and returns its credentials. */
export async function registerClient(instance: string, options: ClientRegistryOptions): Promise<RegisteredClient> {
  const fetcher = options.fetch ?? createOutboundFetch({ ...options.outbound, guard: true });
  return options.style === 'gancio'
    ? registerAtGancio(instance, options.metadata, fetcher)
    : registerDynamically(instance, options.metadata, fetcher);
}

/**
 * Registered clients per instance: the stored one, else one registered now and stored. Concurrent
 * first requests share one registration in this process, and with a shared `lock` across processes;
 * everyone then uses what the store ends up holding.
 */
export function createClientRegistry(options: ClientRegistryOptions): {
  client(instance: string): Promise<RegisteredClient>;
} {
  const store = options.store ?? memoryClientStore();
  const fetcher = options.fetch ?? createOutboundFetch({ ...options.outbound, guard: true });
  const register = async (instance: string): Promise<RegisteredClient> => {
    const kept = await store.get(instance);
    if (kept) return kept;
    return store.setIfAbsent(instance, await registerClient(instance, { ...options, fetch: fetcher }));
  };
  const lookup = singleFlight(async (instance: string) => {
    const kept = await store.get(instance);
    if (kept) return kept;
    return options.lock ? options.lock.withLock(`register:${instance}`, () => register(instance)) : register(instance);
  });
  return { client: lookup };
}
