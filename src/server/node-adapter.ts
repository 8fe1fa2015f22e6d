import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerError } from './errors.js';
import { guardHandler, type FetchHandler } from './http/guard-handler.js';
import { jsonError, responseText } from './http/json-response.js';
import { isTakingPreReadBody, MAX_BODY_BYTES, withPreReadBody } from './http/read-json-body.js';

export type { FetchHandler } from './http/guard-handler.js';

/** Express and Connect add these; a body parser that ran first leaves the parsed body in `body`. */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

export interface NodeListenerOptions {
  /**
   * Take the scheme from `X-Forwarded-Proto` (its first value): only behind a proxy you run, which
   * sets it. Without it a request is https only when it came over TLS to this process.
   */
  trustProxy?: boolean;
  /** Largest request body read; default 16 KiB. A larger one is answered 413 without reading it. */
  maxBodyBytes?: number;
}

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/** Methods a Fetch `Request` cannot carry (the Fetch standard forbids them). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

async function readNodeBody(req: NodeRequest, limit: number): Promise<Uint8Array | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (req.body !== undefined) {
    if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) return new Uint8Array(Buffer.from(req.body));
    // A JSON or urlencoded parser already consumed the stream: send its result on as JSON.
    return new TextEncoder().encode(JSON.stringify(req.body));
  }
  if (Number(req.headers['content-length'] ?? 0) > limit)
    throw new ServerError(413, 'invalid_request', `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new ServerError(413, 'invalid_request', `the body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function requestUrl(req: NodeRequest, trustProxy: boolean): URL {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]!
        .trim()
    : '';
  const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : tls ? 'https' : 'http';
  const host = req.headers.host ?? 'localhost';
  // The Host header must be a host and port and nothing else (RFC 9110 section 7.2).
  if (!HOST.test(host)) throw new ServerError(400, 'invalid_request', 'the Host header is not a valid host');
  return new URL(req.originalUrl ?? req.url ?? '/', `${scheme}://${host}`);
}

async function toFetchRequest(req: NodeRequest, options: NodeListenerOptions, preRead: boolean): Promise<Request> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) throw new ServerError(405, 'invalid_request', `use POST, not ${method}`);
  let url: URL;
  try {
    url = requestUrl(req, options.trustProxy ?? false);
  } catch (error) {
    if (error instanceof ServerError) throw error;
    throw new ServerError(400, 'invalid_request', 'the Host header is not a valid host');
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      throw new ServerError(400, 'invalid_request', `the ${name} header is not valid`);
    }
  }
  const body = await readNodeBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
  try {
    if (preRead && body) return withPreReadBody(new Request(url, { method, headers }), body);
    return new Request(url, { method, headers, body: body as Uint8Array<ArrayBuffer> | undefined });
  } catch (cause) {
    throw new ServerError(400, 'invalid_request', 'the request cannot be represented', { cause });
  }
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => name !== 'set-cookie' && res.setHeader(name, value));
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  const text = responseText(response);
  res.end(text ?? Buffer.from(await response.arrayBuffer()));
}

/**
 * Mounts a Fetch-standard handler in Node's `http` server, or as Express/Connect middleware:
 * `server.on('request', toNodeListener(handler))`, `app.post('/oauth/start', toNodeListener(start))`.
 * It never rejects: a request it cannot represent, a body over the limit, or a handler that throws
 * is answered with a JSON error, and the process goes on.
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const guarded = guardHandler(handler);
  const preRead = isTakingPreReadBody(handler);
  return async (req: NodeRequest, res) => {
    try {
      let request: Request;
      try {
        request = await toFetchRequest(req, options, preRead);
      } catch (error) {
        const refused =
          error instanceof ServerError
            ? error
            : new ServerError(400, 'invalid_request', 'the request could not be read');
        // The rest of a refused body is not read: close the connection rather than drain it.
        if (refused.status === 413) res.setHeader('Connection', 'close');
        if (refused.status === 405) res.setHeader('Allow', 'POST');
        return await send(res, jsonError(refused.status, refused.code, refused.message));
      }
      await send(res, await guarded(request));
    } catch {
      // Writing failed (the client went away): nothing is left to answer.
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  };
}
