import { ServerError } from '../errors.js';
import { StoreUnavailableError } from '../stores/store-types.js';
import { jsonError } from './json-response.js';

export type FetchHandler = (request: Request) => Promise<Response>;

/** Called with every error a handler answers with 5xx (and the request), for logs; never sent to the browser. */
export type ErrorHook = (error: unknown, request: Request) => void;

/** The ServerError an error stands for: ours as they are, a store's as 503, anything else as 500. */
export function asServerError(error: unknown): ServerError {
  if (error instanceof ServerError) return error;
  if (error instanceof StoreUnavailableError) {
    return new ServerError(503, 'temporarily_unavailable', 'a store the server needs did not answer; try again', {
      cause: error,
    });
  }
  return new ServerError(500, 'server_error', 'the server failed to handle this request', { cause: error });
}

/**
 * Runs `handler` so that nothing escapes: every throw becomes a JSON error answer (RFC 6749
 * section 5.2 shape), with the status the error carries. The message of an unexpected error is
 * never sent; `onError` sees it.
 */
export function guardHandler(handler: FetchHandler, onError?: ErrorHook): FetchHandler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (thrown) {
      const error = asServerError(thrown);
      if (error.status >= 500) {
        try {
          onError?.(error.cause ?? error, request);
        } catch {
          // A failing log hook must not turn an answer into a crash.
        }
      }
      const headers: Record<string, string> = { ...error.headers, ...(error.status === 405 ? { Allow: 'POST' } : {}) };
      return jsonError(error.status, error.code, error.message, headers);
    }
  };
}
