import { createCodeVerifier, deriveCodeChallenge } from '../core/pkce.js';
import { FlowKeeper } from './flow-keeper.js';
import { jsonError, jsonResponse } from './json-response.js';
import { ProviderLookupError, isPerInstance, readInstanceOrigin, resolveProvider, type ProviderSettings } from './providers.js';
import { optionalString, readJsonBody } from './read-json-body.js';
import type { ServerOptions } from './server-options.js';

/** The authorization request URL (RFC 6749 section 4.1.1, with PKCE per RFC 7636 section 4.3). */
export function buildProviderAuthorizeUrl(settings: ProviderSettings, state: string, codeChallenge?: string): string {
  const url = new URL(settings.authorizeEndpoint);
  const query = url.searchParams;
  for (const [name, value] of Object.entries(settings.params ?? {})) query.set(name, value);
  query.set('response_type', 'code');
  query.set('client_id', settings.clientId);
  query.set('redirect_uri', settings.redirectUri);
  if (settings.scope) query.set('scope', settings.scope);
  query.set('state', state);
  const display = settings.display ?? 'popup';
  if (display) query.set('display', display);
  if (settings.responseMode && settings.responseMode !== 'query') query.set('response_mode', settings.responseMode);
  if (codeChallenge) {
    query.set('code_challenge', codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return url.href;
}

/**
 * `(request: Request) => Promise<Response>` for the widget's `start-url` (CONTRACT section 5): takes
 * `{ provider, instance? }`, creates the state and PKCE verifier, keeps them bound to this browser,
 * and answers `{ authorize_url }`.
 */
export function createStartHandler(options: ServerOptions, keeper = new FlowKeeper(options)): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = await readJsonBody(request);
    if (body instanceof Response) return body;
    const refusal = await options.authorize?.(request);
    if (refusal) return refusal;

    const provider = optionalString(body, 'provider');
    const instanceText = optionalString(body, 'instance');
    if (typeof provider !== 'string') return jsonError(400, 'invalid_request', typeof provider === 'object' ? provider.error : '"provider" is required');
    if (typeof instanceText === 'object') return jsonError(400, 'invalid_request', instanceText.error);
    let instance: string | undefined;
    if (instanceText !== undefined && isPerInstance(options.providers[provider])) {
      instance = readInstanceOrigin(instanceText);
      if (!instance) return jsonError(400, 'invalid_request', `"instance" must be an http(s) origin like https://events.example; got ${JSON.stringify(instanceText.slice(0, 200))}`);
    } else {
      instance = instanceText;
    }

    let settings: ProviderSettings;
    try {
      settings = await resolveProvider(options.providers, provider, instance);
    } catch (error) {
      if (error instanceof ProviderLookupError) return jsonError(error.status, error.error, error.message);
      throw error;
    }

    const state = await keeper.mintState();
    const codeVerifier = settings.pkce === false ? undefined : createCodeVerifier();
    const codeChallenge = codeVerifier ? await deriveCodeChallenge(codeVerifier) : undefined;
    const setCookie = await keeper.keep({ state, provider, instance, codeVerifier, expiresAt: Date.now() + keeper.ttlSeconds * 1000 }, request);
    return jsonResponse({ authorize_url: buildProviderAuthorizeUrl(settings, state, codeChallenge) }, 200, { 'Set-Cookie': setCookie });
  };
}
