import { OAuthConnectError } from './errors.js';

/** A JSON POST to the page's own backend (the exchange or the start endpoint). */
export interface BackendRequest {
  url: string;
  body: Record<string, string>;
  credentials: RequestCredentials;
  csrfToken?: string;
  fetch: typeof fetch;
  /** Cancels the request (the attempt was aborted); the promise then rejects with the abort reason. */
  signal?: AbortSignal;
  /** Gives up on an endpoint that does not answer: `network_error`. 0 = wait as long as the browser does. */
  timeoutMs?: number;
  /** The error code for a non-2xx or non-JSON answer. */
  failure: 'exchange_failed' | 'start_failed';
  /** How messages name the endpoint: "The exchange endpoint". */
  endpointName: string;
}

/** The page's `<meta name="csrf-token">` value, as Laravel and Rails pages carry it. */
export function readCsrfToken(doc: Document): string | undefined {
  return doc.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || undefined;
}

/**
 * The CSRF token for a POST to `url`: only when the URL resolves to the page's own origin or one of
 * `extraOrigins` (`csrf-origins`), so a backend on another origin never learns the page's token.
 */
export function csrfTokenFor(url: string, win: Window, extraOrigins: readonly string[] = []): string | undefined {
  const target = new URL(url, win.document.baseURI).origin;
  if (target !== win.location.origin && !extraOrigins.includes(target)) return undefined;
  return readCsrfToken(win.document);
}

function describeBackendError(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error_description: description, message } = body as Record<string, unknown>;
  if (typeof description === 'string') return description;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Sends the request once, never retried. 2xx with a JSON body resolves with the body and status;
 * anything else throws `request.failure` (with `status`) or `network_error`.
 */
export async function postToBackend(request: BackendRequest): Promise<{ body: unknown; status: number }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (request.csrfToken) headers['X-CSRF-TOKEN'] = request.csrfToken;
  const signals = [request.signal, request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined].filter(
    (signal) => signal !== undefined,
  );
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(request.url, {
      method: 'POST',
      headers,
      credentials: request.credentials,
      body: JSON.stringify(request.body),
      signal: signals.length ? AbortSignal.any(signals) : undefined,
    });
    text = await response.text();
  } catch (cause) {
    if (request.signal?.aborted) throw cause;
    const message =
      (cause as Error)?.name === 'TimeoutError'
        ? `${request.endpointName} did not answer within ${request.timeoutMs! / 1000} s`
        : `${request.endpointName} could not be reached`;
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
    throw new OAuthConnectError(request.failure, `${request.endpointName} answered HTTP ${response.status}`, {
      status: response.status,
      description: isJson ? describeBackendError(body) : undefined,
    });
  }
  if (!isJson) {
    throw new OAuthConnectError(
      request.failure,
      `${request.endpointName} answered HTTP ${response.status} without a JSON body`,
      { status: response.status },
    );
  }
  return { body, status: response.status };
}
