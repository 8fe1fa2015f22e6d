import { jsonError, jsonResponse } from './json-response.js';
import { requestTokens, TokenEndpointError, type TokenEndpointClient, type TokenSet } from './token-request.js';

/** The widget's exchange request body (CONTRACT section 4). */
export interface ExchangeRequestBody {
  code: string;
  state: string;
  redirect_uri: string;
  code_verifier?: string;
  iss?: string;
  provider?: string;
}

export interface ExchangeHandlerOptions extends TokenEndpointClient {
  /** The registered redirect URI; a request naming another is refused. */
  redirectUri: string;
  /** Keeps the tokens server-side and returns what the browser may see. Never return the tokens. */
  onTokens(tokens: TokenSet, request: ExchangeRequestBody, raw: Request): unknown | Promise<unknown>;
  /** Refuses a request before anything is redeemed, e.g. a CSRF check; return a Response to refuse. */
  authorize?(request: Request): Response | undefined | Promise<Response | undefined>;
  fetch?: typeof fetch;
}

const MAX_BODY_BYTES = 16 * 1024;
/** Codes already sent to the token endpoint, kept so a replayed request is refused without redeeming twice. */
const REMEMBERED_CODES = 10_000;

function readBody(value: unknown): ExchangeRequestBody | string {
  if (typeof value !== 'object' || value === null) return 'the body must be a JSON object';
  const body = value as Record<string, unknown>;
  for (const name of ['code', 'state', 'redirect_uri'] as const) {
    if (typeof body[name] !== 'string' || !body[name]) return `"${name}" is required`;
  }
  for (const name of ['code_verifier', 'iss', 'provider'] as const) {
    if (body[name] !== undefined && typeof body[name] !== 'string') return `"${name}" must be a string`;
  }
  return body as unknown as ExchangeRequestBody;
}

/**
 * `(request: Request) => Promise<Response>` for the widget's `exchange-url`: redeems the code at the
 * token endpoint once (RFC 6749 section 4.1.3), hands the tokens to `onTokens`, and answers the
 * browser with what `onTokens` returns.
 */
export function createExchangeHandler(options: ExchangeHandlerOptions): (request: Request) => Promise<Response> {
  const redeemed = new Set<string>();
  return async (request) => {
    if (request.method !== 'POST') return jsonError(405, 'invalid_request', 'use POST');
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return jsonError(415, 'invalid_request', 'the body must be application/json');
    }
    const refusal = await options.authorize?.(request);
    if (refusal) return refusal;
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES) return jsonError(413, 'invalid_request', 'the body is too large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return jsonError(400, 'invalid_request', 'the body is not JSON');
    }
    const body = readBody(parsed);
    if (typeof body === 'string') return jsonError(400, 'invalid_request', body);
    if (body.redirect_uri !== options.redirectUri) return jsonError(400, 'invalid_request', '"redirect_uri" is not the registered one');
    if (redeemed.has(body.code)) return jsonError(400, 'invalid_grant', 'this code was already submitted');
    redeemed.add(body.code);
    if (redeemed.size > REMEMBERED_CODES) redeemed.delete(redeemed.values().next().value!);

    const grant: Record<string, string> = { grant_type: 'authorization_code', code: body.code, redirect_uri: options.redirectUri };
    if (body.code_verifier) grant.code_verifier = body.code_verifier;
    let tokens: TokenSet;
    try {
      tokens = await requestTokens(options, grant, options.fetch);
    } catch (error) {
      if (error instanceof TokenEndpointError) return jsonError(502, error.error, error.description ?? error.message);
      return jsonError(502, 'temporarily_unavailable', 'the token endpoint could not be reached');
    }
    return jsonResponse((await options.onTokens(tokens, body, request)) ?? { connected: true });
  };
}
