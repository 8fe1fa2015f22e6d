/** How the client authenticates at the token endpoint (RFC 6749 section 2.3.1), or `query` for providers that take a GET. */
export type TokenEndpointStyle = 'client_secret_basic' | 'client_secret_post' | 'query';

export interface TokenEndpointClient {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  style?: TokenEndpointStyle;
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

export class TokenEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(description ? `${error}: ${description}` : error);
    this.name = 'TokenEndpointError';
  }
}

/** RFC 6749 section 2.3.1: client_id and secret are form-urlencoded before they are joined for Basic. */
function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/** Calls the token endpoint with `grant` parameters in the client's style and returns the token set. */
export async function requestTokens(client: TokenEndpointClient, grant: Record<string, string>, fetcher: typeof fetch = fetch): Promise<TokenSet> {
  const style = client.style ?? 'client_secret_basic';
  const params = new URLSearchParams(grant);
  const headers: Record<string, string> = { Accept: 'application/json' };
  let url = client.tokenEndpoint;
  let init: RequestInit;
  if (style === 'client_secret_basic') {
    headers.Authorization = basicCredentials(client.clientId, client.clientSecret);
    init = { method: 'POST', headers, body: params };
  } else {
    params.set('client_id', client.clientId);
    params.set('client_secret', client.clientSecret);
    if (style === 'query') {
      const target = new URL(client.tokenEndpoint);
      for (const [name, value] of params) target.searchParams.set(name, value);
      url = target.href;
      init = { method: 'GET', headers };
    } else {
      init = { method: 'POST', headers, body: params };
    }
  }
  const response = await fetcher(url, { ...init, redirect: 'error' });
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || !body || typeof body.access_token !== 'string') {
    const error = typeof body?.error === 'string' ? body.error : 'invalid_token_response';
    const description = typeof body?.error_description === 'string' ? body.error_description : `token endpoint answered HTTP ${response.status}`;
    throw new TokenEndpointError(response.status, error, description);
  }
  return body as TokenSet;
}
