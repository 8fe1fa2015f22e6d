/**
 * The one error shape of the server helpers: a stable OAuth-style `code` (RFC 6749 section 5.2),
 * the HTTP `status` a handler answers with, a message safe to show the browser, and the `cause`
 * (never sent) for logs.
 */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.name = 'ServerError';
    this.headers = options?.headers;
  }

  /** Headers the answer must carry all the same (a cookie to clear). */
  headers?: Record<string, string>;
}
