import { FlowKeeper, type KeptFlow } from './flow-keeper.js';
import { jsonError, jsonResponse } from './json-response.js';
import { ProviderLookupError, resolveProvider, type ProviderSettings } from './providers.js';
import { optionalString, readJsonBody } from './read-json-body.js';
import type { ServerOptions } from './server-options.js';
import { requestTokens, TokenEndpointError, type TokenSet } from './token-request.js';

/** The widget's exchange request body (CONTRACT section 4). */
export interface ExchangeRequestBody {
  code: string;
  state: string;
  redirect_uri: string;
  code_verifier?: string;
  iss?: string;
  provider?: string;
}

/** Who the tokens belong to, for `onTokens`. */
export interface TokenContext {
  provider: string;
  /** The instance origin, for per-instance providers. */
  instance?: string;
  settings: ProviderSettings;
  /** Whether the flow was started by the start handler (true) or by the widget in the browser. */
  serverStarted: boolean;
  request: Request;
}

export interface ExchangeHandlerOptions extends ServerOptions {
  /** Keeps the tokens server-side and returns what the browser may see. Never return the tokens. */
  onTokens(tokens: TokenSet, context: TokenContext): unknown | Promise<unknown>;
}

/** Codes already sent to a token endpoint, kept so a replayed request is refused without redeeming twice. */
const REMEMBERED_CODES = 10_000;

function readExchangeBody(body: Record<string, unknown>): ExchangeRequestBody | string {
  for (const name of ['code', 'state', 'redirect_uri'] as const) {
    if (typeof body[name] !== 'string' || !body[name]) return `"${name}" is required`;
  }
  for (const name of ['code_verifier', 'iss', 'provider'] as const) {
    const value = optionalString(body, name);
    if (typeof value === 'object') return value.error;
  }
  return body as unknown as ExchangeRequestBody;
}

/** The only provider of the table, when there is exactly one: the browser need not name it. */
function soleProvider(options: ServerOptions): string | undefined {
  const names = Object.keys(options.providers);
  return names.length === 1 ? names[0] : undefined;
}

/**
 * `(request: Request) => Promise<Response>` for the widget's `exchange-url`. It finds the flow this
 * browser started (start handler) and checks the state against it; the provider and its token
 * endpoint come from what was kept, never from the request. It redeems the code once
 * (RFC 6749 section 4.1.3), hands the tokens to `onTokens`, and answers with what that returns.
 */
export function createExchangeHandler(options: ExchangeHandlerOptions, keeper = new FlowKeeper(options)): (request: Request) => Promise<Response> {
  const redeemed = new Set<string>();
  const fail = (status: number, error: string, description: string, setCookie?: string) =>
    jsonError(status, error, description, setCookie ? { 'Set-Cookie': setCookie } : undefined);

  return async (request) => {
    const json = await readJsonBody(request);
    if (json instanceof Response) return json;
    const refusal = await options.authorize?.(request);
    if (refusal) return refusal;
    const body = readExchangeBody(json);
    if (typeof body === 'string') return fail(400, 'invalid_request', body);

    const taken = await keeper.take(body.state, request);
    const clear = keeper.clearCookie(body.state, request);
    if ('refused' in taken) return fail(400, 'invalid_request', `"state" refused: ${taken.refused}`, clear);
    let flow: KeptFlow;
    const serverStarted = 'flow' in taken;
    if ('flow' in taken) {
      flow = taken.flow;
      if (body.provider !== undefined && body.provider !== flow.provider) {
        return fail(400, 'invalid_request', `"provider" ${JSON.stringify(body.provider)} is not the provider this flow started with`, clear);
      }
    } else if (await keeper.isMinted(body.state)) {
      // The start handler issued this state, to a browser that holds its cookie: not this one.
      return fail(400, 'invalid_request', '"state" was issued to another browser, or its flow cookie is gone');
    } else {
      // No flow kept for this state in this browser: only a provider that allows widget-started flows may go on.
      const name = body.provider ?? soleProvider(options);
      const entry = name !== undefined && Object.hasOwn(options.providers, name) ? options.providers[name] : undefined;
      if (!name || !entry || typeof entry === 'function' || !entry.browserStart) {
        return fail(400, 'invalid_request', '"state" is unknown: no flow was started for it in this browser');
      }
      const expiresAt = Date.now() + keeper.ttlSeconds * 1000;
      if (!keeper.claimState(body.state, expiresAt)) return fail(400, 'invalid_request', '"state" refused: this state was already used');
      flow = { state: body.state, provider: name, codeVerifier: body.code_verifier, expiresAt };
    }

    let settings: ProviderSettings;
    try {
      settings = await resolveProvider(options.providers, flow.provider, flow.instance);
    } catch (error) {
      if (error instanceof ProviderLookupError) return fail(error.status, error.error, error.message, clear);
      throw error;
    }
    if (body.redirect_uri !== settings.redirectUri) return fail(400, 'invalid_request', '"redirect_uri" is not the registered one', clear);
    // RFC 9207 section 2.4: a response from another issuer than the one the flow went to.
    if (settings.issuer && body.iss !== undefined && body.iss !== settings.issuer) return fail(400, 'invalid_request', '"iss" is not the issuer this flow went to', clear);
    if (redeemed.has(body.code)) return fail(400, 'invalid_grant', 'this code was already submitted', clear);
    redeemed.add(body.code);
    if (redeemed.size > REMEMBERED_CODES) redeemed.delete(redeemed.values().next().value!);

    const grant: Record<string, string> = { grant_type: 'authorization_code', code: body.code, redirect_uri: settings.redirectUri };
    if (flow.codeVerifier) grant.code_verifier = flow.codeVerifier;
    let tokens: TokenSet;
    try {
      tokens = await requestTokens(settings, grant, options.fetch);
    } catch (error) {
      if (error instanceof TokenEndpointError) return fail(502, error.error, error.description ?? error.message, clear);
      return fail(502, 'temporarily_unavailable', 'the token endpoint could not be reached', clear);
    }
    const answer = await options.onTokens(tokens, { provider: flow.provider, instance: flow.instance, settings, serverStarted, request });
    return jsonResponse(answer ?? { connected: true, provider: flow.provider }, 200, { 'Set-Cookie': clear });
  };
}
