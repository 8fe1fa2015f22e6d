import {
  buildAuthorizationUrl,
  findReservedParam,
  openIdNonce,
  reservedParamProblem,
  type AuthorizeRequest,
} from '../protocol/authorization-request.js';
import { instanceOrigin } from '../protocol/urls.js';
import { ServerError } from './errors.js';
import { codeChallengeOf, randomToken } from './crypto/server-crypto.js';
import { FlowKeeper } from './flow-keeper.js';
import type { FetchHandler } from './http/guard-handler.js';
import { jsonResponse } from './http/json-response.js';
import { postHandler } from './http/post-handler.js';
import { optionalField, requiredField } from './http/request-fields.js';
import { isPerInstance, providerEntry, resolveProvider, type ResolvedProvider } from './providers.js';
import { outboundFetchers, type ServerOptions } from './server-options.js';

export type { AuthorizeRequest };

/**
 * The authorization request URL of a provider (RFC 6749 section 4.1.1, PKCE per RFC 7636 section
 * 4.3). `params` that name a parameter the request sets itself are a configuration error: 500.
 */
export function buildProviderAuthorizeUrl(settings: ResolvedProvider, request: AuthorizeRequest): string {
  const params = Object.entries(settings.params ?? {});
  const reserved = findReservedParam(params.map(([name]) => name));
  if (reserved) throw new ServerError(500, 'server_error', `the provider's "params" ${reservedParamProblem(reserved)}`);
  return buildAuthorizationUrl({
    authorizationEndpoint: settings.authorizeEndpoint,
    clientId: settings.clientId,
    redirectUri: settings.redirectUri,
    scope: settings.scope,
    display: settings.display ?? 'popup',
    responseMode: settings.responseMode,
    params,
    ...request,
  });
}

/** The `instance` of a start request: an origin by the protocol's one rule, for per-instance providers. */
function readInstance(text: string | undefined, perInstance: boolean): string | undefined {
  if (text === undefined || !perInstance) return text;
  const origin = instanceOrigin(text);
  if (origin) return origin;
  const shown = JSON.stringify(text.slice(0, 200));
  throw new ServerError(
    400,
    'invalid_request',
    `"instance" must be an http(s) origin like https://events.example; got ${shown}`,
  );
}

/**
 * `(request: Request) => Promise<Response>` for the widget's `start-url`: takes `{ provider, instance? }`,
 * creates the state, PKCE verifier and (for OpenID) nonce, keeps them bound to this browser with every
 * value the exchange will use pinned, and answers `{ authorize_url }`.
 */
export function createStartHandler(options: ServerOptions, keeper = new FlowKeeper(options)): FetchHandler {
  const fetchers = outboundFetchers(options);
  return postHandler(options, async (body, request) => {
    const provider = requiredField(body, 'provider');
    const perInstance = isPerInstance(providerEntry(options.providers, provider));
    const instance = readInstance(optionalField(body, 'instance'), perInstance);
    const fetcher = perInstance ? fetchers.guarded : fetchers.plain;
    const settings = await resolveProvider(options.providers, provider, instance, fetcher);

    const state = await keeper.mintState();
    const codeVerifier = settings.pkce === false ? undefined : randomToken();
    const nonce = openIdNonce(settings.scope, settings.params?.nonce, randomToken);
    const codeChallenge = codeVerifier ? await codeChallengeOf(codeVerifier) : undefined;
    // Built before anything is kept: a provider misconfigured with reserved `params` leaves no flow behind.
    const authorizeUrl = buildProviderAuthorizeUrl(settings, { state, codeChallenge, nonce });
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
    const headers = new Headers();
    for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
    return jsonResponse({ authorize_url: authorizeUrl }, 200, headers);
  });
}
