import type { CodeDetail } from './authorization-response.js';
import { OAuthConnectError } from './errors.js';

/** The `detail` of `oauth-connect-success`: the backend's JSON body and HTTP status (null when nothing was exchanged). */
export interface ConnectResult {
  response: unknown;
  status: number | null;
}

export interface ExchangeRequest {
  url: string;
  code: CodeDetail;
  provider?: string;
  credentials: RequestCredentials;
  csrfToken?: string;
  fetch: typeof fetch;
  /** Cancels the request (the attempt was aborted); the promise then rejects with the abort reason. */
  signal?: AbortSignal;
  /** Gives up on an endpoint that does not answer: `network_error`. 0 = wait as long as the browser does. */
  timeoutMs?: number;
}

/** The body of the exchange request (CONTRACT section 4). */
export function exchangeBody(code: CodeDetail, provider?: string): Record<string, string> {
  const body: Record<string, string> = { code: code.code, state: code.state, redirect_uri: code.redirectUri };
  if (code.codeVerifier) body.code_verifier = code.codeVerifier;
  if (code.iss !== undefined) body.iss = code.iss;
  if (provider) body.provider = provider;
  return body;
}

/** The page's `<meta name="csrf-token">` value, as Laravel and Rails pages carry it. */
export function readCsrfToken(doc: Document): string | undefined {
  return doc.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || undefined;
}

/**
 * POSTs the code to the page's backend, once: a code is single use (RFC 6749 section 4.1.2), so a
 * failed request is never retried. 2xx with a JSON body resolves; anything else throws
 * `exchange_failed` (with `status`) or `network_error`.
 */
export async function exchangeCode(request: ExchangeRequest): Promise<ConnectResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (request.csrfToken) headers['X-CSRF-TOKEN'] = request.csrfToken;
  const signals = [request.signal, request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined].filter((signal) => signal !== undefined);
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(request.url, {
      method: 'POST',
      headers,
      credentials: request.credentials,
      body: JSON.stringify(exchangeBody(request.code, request.provider)),
      signal: signals.length ? AbortSignal.any(signals) : undefined,
    });
    text = await response.text();
  } catch (cause) {
    if (request.signal?.aborted) throw cause;
    const message = (cause as Error)?.name === 'TimeoutError' ? `The exchange endpoint did not answer within ${request.timeoutMs! / 1000} s` : 'The exchange endpoint could not be reached';
    throw new OAuthConnectError('network_error', message, { cause });
  }
  let body: unknown;
  let isJson = true;
  try {
    body = JSON.parse(text);
  } catch {
    isJson = false;
  }
  if (!response.ok) {
    const description = isJson ? describeBackendError(body) : undefined;
    throw new OAuthConnectError('exchange_failed', `The exchange endpoint answered HTTP ${response.status}`, {
      status: response.status,
      description,
    });
  }
  if (!isJson) {
    throw new OAuthConnectError('exchange_failed', `The exchange endpoint answered HTTP ${response.status} without a JSON body`, {
      status: response.status,
    });
  }
  return { response: body, status: response.status };
}

function describeBackendError(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error_description: description, message } = body as Record<string, unknown>;
  if (typeof description === 'string') return description;
  return typeof message === 'string' ? message : undefined;
}
