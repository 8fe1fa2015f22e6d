import { ServerError } from './errors.js';
import { FlowKeeper } from './flow-keeper.js';
import { asServerError, type FetchHandler } from './http/guard-handler.js';
import { jsonResponse } from './http/json-response.js';
import { postHandler } from './http/post-handler.js';
import { optionalField, requiredField } from './http/request-fields.js';
import { redeemCode } from './oauth/code-grant.js';
import type { TokenSet } from './oauth/token-set.js';
import { isPerInstance, providerEntry, resolveProvider, type ResolvedProvider } from './providers.js';
import { outboundFetchers, type ServerOptions } from './server-options.js';
import type { KeptFlow } from './stores/store-types.js';

/** The widget's exchange request body. */
export interface ExchangeRequestBody {
  code: string;
  state: string;
  redirect_uri: string;
  code_verifier?: string;
  iss?: string;
  provider?: string;
  nonce?: string;
}

/** Who the tokens belong to, for `onTokens`. */
export interface TokenContext {
  provider: string;
  /** The instance origin, for per-instance providers. */
  instance?: string;
  settings: ResolvedProvider;
  /** Whether the flow was started by the start handler (true) or by the widget in the browser. */
  serverStarted: boolean;
  request: Request;
}

export interface ExchangeHandlerOptions extends ServerOptions {
  /** Keeps the tokens server-side and returns what the browser may see. Never return the tokens. */
  onTokens(tokens: TokenSet, context: TokenContext): unknown | Promise<unknown>;
}

const refuse = (message: string, code = 'invalid_request') => new ServerError(400, code, message);

function readExchangeBody(body: Record<string, unknown>): ExchangeRequestBody {
  return {
    code: requiredField(body, 'code'),
    state: requiredField(body, 'state'),
    redirect_uri: requiredField(body, 'redirect_uri'),
    code_verifier: optionalField(body, 'code_verifier'),
    iss: optionalField(body, 'iss'),
    provider: optionalField(body, 'provider'),
    nonce: optionalField(body, 'nonce'),
  };
}

/** The only provider of the table, when there is exactly one: the browser need not name it. */
function soleProvider(options: ServerOptions): string | undefined {
  const names = Object.keys(options.providers);
  return names.length === 1 ? names[0] : undefined;
}

/** A flow the widget started in the browser: only for a fixed provider that allows it, and once per state. */
async function browserStartedFlow(
  body: ExchangeRequestBody,
  options: ServerOptions,
  keeper: FlowKeeper,
): Promise<KeptFlow> {
  if (await keeper.isMinted(body.state)) {
    // The start handler issued this state, to a browser that holds its cookie: not this one.
    throw refuse('"state" was issued to another browser, or its flow cookie is gone');
  }
  const name = body.provider ?? soleProvider(options);
  const entry = name === undefined ? undefined : providerEntry(options.providers, name);
  if (!name || !entry || isPerInstance(entry) || !entry.browserStart || !entry.tokenEndpoint) {
    throw refuse('"state" is unknown: no flow was started for it in this browser');
  }
  if (!(await keeper.claimState(body.state))) throw refuse('"state" refused: this state was already used');
  return {
    state: body.state,
    provider: name,
    codeVerifier: body.code_verifier,
    nonce: body.nonce,
    clientId: entry.clientId,
    redirectUri: entry.redirectUri,
    tokenEndpoint: entry.tokenEndpoint,
    issuer: entry.issuer,
    requireIss: entry.requireIss,
    expiresAt: Date.now() + keeper.ttlSeconds * 1000,
  };
}

/** RFC 9700 section 4.4.2 and RFC 9207 section 2.4: the response must come back where, and from whom, the flow went. */
function checkMixUp(body: ExchangeRequestBody, flow: KeptFlow): void {
  if (body.provider !== undefined && body.provider !== flow.provider) {
    throw refuse(`"provider" ${JSON.stringify(body.provider)} is not the provider this flow started with`);
  }
  if (body.redirect_uri !== flow.redirectUri)
    throw refuse('"redirect_uri" is not the redirect URI this flow started with');
  if (flow.issuer && body.iss !== undefined && body.iss !== flow.issuer)
    throw refuse('"iss" is not the issuer this flow went to');
  if (flow.requireIss && body.iss === undefined) throw refuse('"iss" is missing, and this provider always sends it');
}

/**
 * `(request: Request) => Promise<Response>` for the widget's `exchange-url`. It finds the flow this
 * browser started (start handler) and checks the state against it; the provider, client, redirect
 * URI and token endpoint come from what was pinned, never from the request. It redeems the code once
 * (RFC 6749 section 4.1.3), hands the tokens to `onTokens`, and answers with what that returns.
 */
export function createExchangeHandler(options: ExchangeHandlerOptions, keeper = new FlowKeeper(options)): FetchHandler {
  const fetchers = outboundFetchers(options);
  return postHandler(options, async (json, request) => {
    const body = readExchangeBody(json);

    const taken = await keeper.take(body.state, request);
    const clear = keeper.clearCookie(body.state, request);
    try {
      if ('refused' in taken) throw refuse(`"state" refused: ${taken.refused}`);
      const flow = 'flow' in taken ? taken.flow : await browserStartedFlow(body, options, keeper);
      checkMixUp(body, flow);
      const fetcher = flow.instance === undefined ? fetchers.plain : fetchers.guarded;
      const settings = await resolveProvider(options.providers, flow.provider, flow.instance, fetcher);
      if (settings.clientId !== flow.clientId || settings.tokenEndpoint !== flow.tokenEndpoint) {
        throw refuse("the provider's client or token endpoint changed since this flow started; start again");
      }
      if (!(await keeper.claimCode(body.code))) throw refuse('this code was already submitted', 'invalid_grant');
      const tokens = await redeemCode(
        { ...settings, clientId: flow.clientId, tokenEndpoint: flow.tokenEndpoint, issuer: flow.issuer },
        { code: body.code, redirectUri: flow.redirectUri, codeVerifier: flow.codeVerifier, nonce: flow.nonce },
        fetcher,
      );
      const context: TokenContext = {
        provider: flow.provider,
        instance: flow.instance,
        settings,
        serverStarted: 'flow' in taken,
        request,
      };
      const answer = await options.onTokens(tokens, context);
      return jsonResponse(answer ?? { connected: true, provider: flow.provider }, 200, { 'Set-Cookie': clear });
    } catch (error) {
      const failure = asServerError(error);
      failure.headers = { ...failure.headers, 'Set-Cookie': clear };
      throw failure;
    }
  });
}
