/** A client registered at one instance. */
export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
}

/** Where registered clients are kept per instance origin, so each instance is asked once (a database in production). */
export interface ClientStore {
  get(instance: string): RegisteredClient | undefined | Promise<RegisteredClient | undefined>;
  set(instance: string, client: RegisteredClient): void | Promise<void>;
}

export interface ClientMetadata {
  clientName: string;
  redirectUris: string[];
  scope?: string;
  /** The app's home page (`client_uri` in RFC 7591, `website` for Gancio). */
  website?: string;
}

export interface ClientRegistryOptions {
  /**
   * `rfc7591`: dynamic registration (RFC 7591 section 3.1), at `endpoint` or the `registration_endpoint`
   * of the instance's metadata (RFC 8414). `gancio`: a form POST to `/api/client`.
   */
  style: 'rfc7591' | 'gancio';
  metadata: ClientMetadata;
  store?: ClientStore;
  endpoint?(instance: string): string;
  fetch?: typeof fetch;
}

export class ClientRegistrationError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ClientRegistrationError';
  }
}

async function readJson(response: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || typeof body !== 'object' || body === null) {
    const detail = typeof body?.error_description === 'string' ? `: ${body.error_description}` : typeof body?.error === 'string' ? `: ${body.error}` : '';
    throw new ClientRegistrationError(`${what} answered HTTP ${response.status}${detail}`, response.status);
  }
  return body;
}

/** RFC 8414 section 3, then OpenID Connect Discovery: the instance's registration endpoint. */
async function discoverRegistrationEndpoint(instance: string, fetcher: typeof fetch): Promise<string> {
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    const response = await fetcher(new URL(path, instance), { headers: { Accept: 'application/json' }, redirect: 'error' }).catch(() => undefined);
    if (!response?.ok) continue;
    const metadata = (await response.json().catch(() => undefined)) as { registration_endpoint?: unknown } | undefined;
    if (typeof metadata?.registration_endpoint === 'string') return metadata.registration_endpoint;
  }
  throw new ClientRegistrationError(`${instance} publishes no registration_endpoint`);
}

/** Registers a new client at `instance` and returns its credentials. */
export async function registerClient(instance: string, options: ClientRegistryOptions): Promise<RegisteredClient> {
  const fetcher = options.fetch ?? fetch;
  const { metadata } = options;
  let response: Response;
  if (options.style === 'gancio') {
    const form = new URLSearchParams({ client_name: metadata.clientName, redirect_uris: metadata.redirectUris.join(' ') });
    if (metadata.scope) form.set('scopes', metadata.scope);
    if (metadata.website) form.set('website', metadata.website);
    response = await fetcher(options.endpoint?.(instance) ?? new URL('/api/client', instance).href, { method: 'POST', body: form, headers: { Accept: 'application/json' }, redirect: 'error' });
  } else {
    const endpoint = options.endpoint?.(instance) ?? (await discoverRegistrationEndpoint(instance, fetcher));
    const body = {
      client_name: metadata.clientName,
      redirect_uris: metadata.redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...(metadata.scope ? { scope: metadata.scope } : {}),
      ...(metadata.website ? { client_uri: metadata.website } : {}),
    };
    response = await fetcher(endpoint, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, redirect: 'error' });
  }
  const answer = await readJson(response, `client registration at ${instance}`);
  if (typeof answer.client_id !== 'string' || typeof answer.client_secret !== 'string') {
    throw new ClientRegistrationError(`client registration at ${instance} did not return a client_id and client_secret`);
  }
  return { clientId: answer.client_id, clientSecret: answer.client_secret };
}

/** A ClientStore in this process's memory. */
export function memoryClientStore(): ClientStore {
  const clients = new Map<string, RegisteredClient>();
  return { get: (instance) => clients.get(instance), set: (instance, client) => void clients.set(instance, client) };
}

/**
 * Registered clients per instance: the stored one, else one registered now and stored. Concurrent
 * first requests for the same instance share one registration.
 */
export function createClientRegistry(options: ClientRegistryOptions): { client(instance: string): Promise<RegisteredClient> } {
  const store = options.store ?? memoryClientStore();
  const running = new Map<string, Promise<RegisteredClient>>();
  return {
    client(instance) {
      let pending = running.get(instance);
      if (!pending) {
        pending = (async () => {
          const kept = await store.get(instance);
          if (kept) return kept;
          const registered = await registerClient(instance, options);
          await store.set(instance, registered);
          return registered;
        })().finally(() => running.delete(instance));
        running.set(instance, pending);
      }
      return pending;
    },
  };
}
