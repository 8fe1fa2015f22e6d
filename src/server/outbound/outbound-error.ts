import { ServerError } from '../errors.js';

/**
 * A request from this server to another one that policy refused (400 `invalid_request`) or that
 * brought back no acceptable answer (502 `temporarily_unavailable`). The message names only the
 * destination's origin, never what the remote server sent; the detail is in `cause`, for logs.
 */
export class OutboundRequestError extends ServerError {
  constructor(status: number, code: string, message: string, options?: { cause?: unknown }) {
    super(status, code, message, options);
    this.name = 'OutboundRequestError';
  }
}

/** How a destination is named in messages: its origin, or only its scheme when it has no origin. */
function destination(url: URL): string {
  return url.protocol === 'http:' || url.protocol === 'https:' ? `"${url.origin}"` : `a "${url.protocol}" URL`;
}

/** The destination is not one this server may call: the same answer whatever the remote would have said. */
export function refusedDestination(url: URL, reason: string, cause?: unknown): OutboundRequestError {
  return new OutboundRequestError(400, 'invalid_request', `${destination(url)} is refused: ${reason}`, { cause });
}

/**
 * Any network failure. One message for a closed port, a timeout, a DNS failure and a garbage answer,
 * so the caller learns nothing it could use to scan ports or hosts behind this server.
 */
export function unreachable(url: URL, cause: unknown): OutboundRequestError {
  const message = `${destination(url)} could not be reached`;
  return new OutboundRequestError(502, 'temporarily_unavailable', message, { cause });
}
