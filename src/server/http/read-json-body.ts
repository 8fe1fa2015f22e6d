import { ServerError } from '../errors.js';
import { readCappedBody } from '../outbound/limits.js';

/** The largest body a handler reads; the widget's requests are well under 1 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Bodies `toNodeListener` already read, for handlers marked as taking them: the Request is then
 * built without a body stream, which costs more than the rest of a start request.
 */
const preRead = new WeakMap<Request, Uint8Array>();
const TAKES_PRE_READ = Symbol('oauth-connect takes pre-read bodies');

export function withPreReadBody(request: Request, body: Uint8Array): Request {
  preRead.set(request, body);
  return request;
}

/** Marks a handler whose only reader of the body is `readJsonBody`. */
export function takesPreReadBody<T extends object>(handler: T): T {
  return Object.assign(handler, { [TAKES_PRE_READ]: true });
}

export const isTakingPreReadBody = (handler: object) => TAKES_PRE_READ in handler;

const refuse = (status: number, message: string) => new ServerError(status, 'invalid_request', message);

/**
 * The JSON object a POST carries. Refuses, before reading anything: another method (405), a body
 * that is not `application/json` (415; also what keeps plain cross-site form posts out), a declared
 * length over the limit (413); then reads at most the limit (413) and parses (400).
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  if (request.method !== 'POST') throw Object.assign(refuse(405, `use POST, not ${request.method}`), { allow: 'POST' });
  const type = request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw refuse(415, 'the body must be application/json');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw refuse(413, `the body is larger than ${limit} bytes`);
  const given = preRead.get(request);
  if (given && given.byteLength > limit) throw refuse(413, `the body is larger than ${limit} bytes`);
  let bytes = given ?? new Uint8Array();
  if (!given && request.body) {
    try {
      bytes = await readCappedBody(request.body as unknown as AsyncIterable<Uint8Array>, limit);
    } catch (cause) {
      const tooLarge = cause instanceof Error && cause.message.includes('larger than');
      throw tooLarge
        ? refuse(413, `the body is larger than ${limit} bytes`)
        : refuse(400, 'the body could not be read');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw refuse(400, 'the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw refuse(400, 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}
