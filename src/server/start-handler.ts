import { ServerError } from './errors.js';
import { codeChallengeOf, randomToken } from './crypto/server-crypto.js';
import { FlowKeeper } from './flow-keeper.js';
import { guardHandler, type FetchHandler } from './http/guard-handler.js';
import { jsonResponse } from './http/json-response.js';
import { readJsonBody, takesPreReadBody } from './http/read-json-body.js';
import { optionalField, requiredField } from './http/request-fields.js';
import {
  isPerInstance,
  providerEntry,
  readInstanceOrigin,
  resolveProvider,
  type ResolvedProvider,
} from './providers.js';
import { outboundFetchers, type ServerOptions } from './server-options.js';

export interface AuthorizeRequest {
  state: string;
  codeChallenge?: string;
  nonce?: string;
}

/** The authorization request URL (RFC 6749 section 4.1.1, with PKCE per RFC 7636 section 4.3). */
export function buildProviderAuthorizeUrl(settings: ResolvedProvider, request: AuthorizeRequest): string {
  const url = new URL(settings.authorizeEndpoint);
  const query = url.searchParams;
  for (const [name, value] of Object.entries(settings.params ?? {})) query.set(name, value);
  query.set('response_type', 'code');
  query.set('client_id', settings.clientId);
  query.set('redirect_uri', settings.redirectUri);
  if (settings.scope) query.set('scope', settings.scope);
  query.set('state', request.state);
  const display = settings.display ?? 'popup';
  if (display) query.set('display', display);
  if (settings.responseMode && settings.responseMode !== 'query') query.set('response_mode', settings.responseMode);
  if (request.nonce) query.set('nonce', request.nonce);
  if (request.codeChallenge) {
    query.set('code_challenge', request.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return url.href;
}

/** OpenID Connect Core section 3.1.2.1: a `nonce` goes with every request whose scope has `openid`. */
export const wantsNonce = (scope: string | undefined) => (scope ?? '').split(' ').includes('openid');

/**
 * `(request: Request) => Promise<Response>` for the widget's `start-url`: takes `{ provider, instance? }`,
 * creates the state, PKCE verifier and (for OpenID) nonce, keeps them bound to this browser with every
 * value the exchange will use pinned, and answers `{ authorize_url }`.
 */
export function createStartHandler(options: ServerOptions, keeper = new FlowKeeper(options)): FetchHandler {
  const fetchers = outboundFetchers(options);
  return takesPreReadBody(
    guardHandler(async (request) => {
      const body = await readJsonBody(request);
      const refusal = await options.authorize?.(request);
      if (refusal) return refusal;

      const provider = requiredField(body, 'provider');
      const instanceText = optionalField(body, 'instance');
      const perInstance = isPerInstance(providerEntry(options.providers, provider));
      let instance = instanceText;
      if (instanceText !== undefined && perInstance) {
        instance = readInstanceOrigin(instanceText);
        if (!instance)
          throw new ServerError(
            400,
            'invalid_request',
            `"instance" must be an http(s) origin like https://events.example; got ${JSON.stringify(instanceText.slice(0, 200))}`,
          );
      }
      const settings = await resolveProvider(
        options.providers,
        provider,
        instance,
        perInstance ? fetchers.guarded : fetchers.plain,
      );

      const state = await keeper.mintState();
      const codeVerifier = settings.pkce === false ? undefined : randomToken();
      const nonce = wantsNonce(settings.scope) && !settings.params?.nonce ? randomToken() : undefined;
      const setCookies = await keeper.keep(
        {
          state,
          provider,
          instance,
          codeVerifier,
          nonce,
          clientId: settings.clientId,
          redirectUri: settings.redirectUri,
          tokenEndpoint: settings.tokenEndpoint,
          issuer: settings.issuer,
          requireIss: settings.requireIss || undefined,
          expiresAt: Date.now() + keeper.ttlSeconds * 1000,
        },
        request,
      );
      const codeChallenge = codeVerifier ? await codeChallengeOf(codeVerifier) : undefined;
      const headers = new Headers();
      for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
      return jsonResponse(
        { authorize_url: buildProviderAuthorizeUrl(settings, { state, codeChallenge, nonce }) },
        200,
        headers,
      );
    }, options.onError),
  );
}
