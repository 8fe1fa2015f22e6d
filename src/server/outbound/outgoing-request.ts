import { OutboundRequestError, refusedDestination } from './outbound-error.js';
import type { OutgoingRequest } from './transport.js';

export interface NormalisedRequest extends OutgoingRequest {
  /** The caller's signal (a never-aborting one when the caller gave none). */
  signal: AbortSignal;
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
