import { OutboundRequestError, refusedDestination } from './outbound-error.js';
import type { OutgoingRequest } from './transport.js';

export interface NormalisedRequest extends OutgoingRequest {
  /** The caller's signal, when it gave one. */
  signal?: AbortSignal;
}

function urlOf(input: string | URL | Request): URL {
  try {
    return new URL(input instanceof Request ? input.url : input);
  } catch (error) {
    throw new OutboundRequestError(400, 'invalid_request', 'the outbound request URL is not an absolute URL', {
      cause: error,
    });
  }
}

const encoder = new TextEncoder();

/**
 * The common call (oauth4webapi's: a URL, GET or POST, a string or form body) read without building
 * a `Request`, which costs more than the rest of a token request's own work.
 */
function readSimpleCall(url: URL, init: RequestInit | undefined): NormalisedRequest | undefined {
  const method = (init?.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') return undefined;
  const raw = init?.body;
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && !(raw instanceof URLSearchParams))
    return undefined;
  const headers = new Headers(init?.headers);
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (raw !== undefined && raw !== null) {
    body = encoder.encode(raw.toString());
    // The Content-Type fetch gives these bodies (Fetch standard, "extract a body").
    const type =
      typeof raw === 'string' ? 'text/plain;charset=UTF-8' : 'application/x-www-form-urlencoded;charset=UTF-8';
    if (!headers.has('content-type')) headers.set('content-type', type);
  }
  return { url, method, headers, body, signal: init?.signal ?? undefined };
}

/**
 * Normalises the arguments of a `fetch` call the way `fetch` does (method, headers, string or
 * URLSearchParams bodies with their Content-Type), and reads the body into bytes.
 */
export async function normaliseRequest(
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<NormalisedRequest> {
  const url = urlOf(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refusedDestination(url, 'only http and https URLs may be requested');
  }
  // RFC 9110 section 4.2.4: credentials in a URL are deprecated, and would be sent to whoever answers.
  if (url.username || url.password) throw refusedDestination(url, 'URLs with credentials are not allowed');
  const simple = input instanceof Request ? undefined : readSimpleCall(url, init);
  if (simple) return simple;
  let request: Request;
  try {
    request = new Request(input instanceof Request ? input : url, init);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OutboundRequestError(400, 'invalid_request', `the outbound request is not valid: ${reason}`, {
      cause: error,
    });
  }
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { url, method: request.method, headers: request.headers, body, signal: request.signal };
}
