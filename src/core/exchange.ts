import type { CodeDetail } from './authorization-response.js';
import { postToBackend, type BackendRequest } from './backend-request.js';

export { csrfTokenFor, readCsrfToken } from './backend-request.js';

/**
 * The `detail` of `oauth-connect-success`: the backend's JSON body and HTTP status (null when nothing was exchanged).
 */
export interface ConnectResult {
  response: unknown;
  status: number | null;
}

export interface ExchangeRequest extends Omit<BackendRequest, 'body' | 'failure' | 'endpointName'> {
  code: CodeDetail;
  provider?: string;
}

/** The body of the exchange request: the code and what the token request needs with it (RFC 6749 section 4.1.3). */
export function exchangeBody(code: CodeDetail, provider?: string): Record<string, string> {
  const body: Record<string, string> = { code: code.code, state: code.state, redirect_uri: code.redirectUri };
  if (code.codeVerifier) body.code_verifier = code.codeVerifier;
  if (code.iss !== undefined) body.iss = code.iss;
  if (code.nonce) body.nonce = code.nonce;
  if (provider) body.provider = provider;
  return body;
}

/**
 * POSTs the code to the page's backend, once: a code is single use (RFC 6749 section 4.1.2), so a
 * failed request is never retried. 2xx with a JSON body resolves; anything else throws
 * `exchange_failed` (with `status`) or `network_error`.
 */
export async function exchangeCode(request: ExchangeRequest): Promise<ConnectResult> {
  const { body, status } = await postToBackend({
    ...request,
    body: exchangeBody(request.code, request.provider),
    failure: 'exchange_failed',
    endpointName: 'The exchange endpoint',
  });
  return { response: body, status };
}
