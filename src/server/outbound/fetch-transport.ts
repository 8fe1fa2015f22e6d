import { streamChunks } from './transport.js';
import type { OutgoingRequest, RawResponse } from './transport.js';

/**
 * Sends `request` with the runtime's own `fetch`, for destinations the application chose itself
 * (no address checks). Redirects come back as answers, for the caller to refuse.
 */
export async function sendWithFetch(request: OutgoingRequest, signal: AbortSignal): Promise<RawResponse> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal,
  });
  const body = response.body;
  return {
    // A browser-like fetch hides a redirect behind status 0 ('opaqueredirect'): still a redirect.
    status: response.type === 'opaqueredirect' ? 302 : response.status,
    headers: response.headers,
    body: streamChunks(body),
    discard: () => void body?.cancel().catch(() => undefined),
  };
}
