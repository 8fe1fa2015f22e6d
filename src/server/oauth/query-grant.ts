import { endpointFailure } from './oauth-errors.js';
import type { TokenEndpointClient, TokenSet } from './token-set.js';
import { TokenEndpointError } from './token-set.js';

/**
 * A token request as a GET with every parameter in the query, client credentials included: not
 * RFC 6749 (section 3.2 asks for POST), but what KitchenMonki's `/v2/token/grant` takes.
 */
export async function queryGrant(
  client: TokenEndpointClient,
  grant: Record<string, string>,
  fetcher: typeof fetch,
): Promise<TokenSet> {
  const url = new URL(client.tokenEndpoint);
  for (const [name, value] of Object.entries({
    ...grant,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  })) {
    url.searchParams.set(name, value);
  }
  const what = `the token endpoint ${url.origin}${url.pathname}`;
  let response: Response;
  let body: Record<string, unknown> | undefined;
  try {
    response = await fetcher(url, { method: 'GET', headers: { Accept: 'application/json' }, redirect: 'manual' });
    body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  } catch (error) {
    throw endpointFailure(error, what);
  }
  if (response.status !== 200 || typeof body?.access_token !== 'string') {
    const code = typeof body?.error === 'string' && /^[\w.-]{1,64}$/.test(body.error) ? body.error : 'invalid_response';
    throw new TokenEndpointError(
      response.status,
      code,
      `${what} refused the request (${code}, HTTP ${response.status})`,
    );
  }
  return body as TokenSet;
}
