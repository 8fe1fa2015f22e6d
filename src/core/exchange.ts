import { parseHttpUrl, parseUrl } from '../protocol/urls.js';
import type { AttemptEnvironment } from './attempt.js';
import type { CodeDetail } from './authorization-response.js';
import { postToBackend } from './backend-request.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError } from './errors.js';
import type { AuthorizationRequest } from './prepared-request.js';

export { csrfTokenFor, readCsrfToken } from './backend-request.js';

// What an attempt asks of the page's backend: the request to start with (`start-url`), and the code's exchange.

/**
 * The `detail` of `oauth-connect-success`: the backend's JSON body and HTTP status (null when nothing was exchanged).
 */
export interface ConnectResult {
  response: unknown;
  status: number | null;
}

/**
 * POSTs the code to `exchange-url` with what the token request needs with it (RFC 6749 section 4.1.3), once:
 * a code is single use (RFC 6749 section 4.1.2), so a failed request is never retried. 2xx with a JSON body
 * resolves; anything else throws `exchange_failed` (with `status`) or `network_error`.
 */
export async function exchangeCode(
  code: CodeDetail,
  config: ResolvedConfig,
  env: AttemptEnvironment,
  signal: AbortSignal,
): Promise<ConnectResult> {
  const body = {
    code: code.code,
    state: code.state,
    redirect_uri: code.redirectUri,
    code_verifier: code.codeVerifier,
    iss: code.iss,
    nonce: code.nonce,
    provider: config.provider,
  };
  return postToBackend(config.exchangeUrl!, body, 'exchange_failed', config, env, signal);
}

/**
 * Server-initiated mode: `POST start-url` with `{ provider, instance }`; the backend keeps the state and
 * PKCE verifier and answers `{ authorize_url }`. Returns the request and the configuration the response
 * is then checked against: the state, redirect URI and response mode read from that URL (RFC 6749
 * section 4.1.1). `config` is left as it was.
 */
export async function startOnServer(
  config: ResolvedConfig,
  env: AttemptEnvironment,
  signal: AbortSignal,
): Promise<{ config: ResolvedConfig; request: AuthorizationRequest }> {
  const { provider, instance } = config;
  const answer = await postToBackend(config.startUrl!, { provider, instance }, 'start_failed', config, env, signal);
  const status = answer.status;
  const refuse = (problem: string) =>
    new OAuthConnectError('start_failed', `The start endpoint answered with ${problem}`, { status });
  const authorizeUrl = parseHttpUrl((answer.response as { authorize_url?: string } | null)?.authorize_url as string);
  if (!authorizeUrl) throw refuse('no http(s) "authorize_url"');
  const [state, redirectUri] = ['state', 'redirect_uri'].map((name) => {
    const value = authorizeUrl.searchParams.get(name);
    // Where the response arrives is checked against the redirect URI's origin and path: it must be a URL.
    if (!value || (name === 'redirect_uri' && !parseUrl(value))) throw refuse(`an "authorize_url" without a "${name}"`);
    return value;
  });
  const mode = authorizeUrl.searchParams.get('response_mode');
  const responseMode = mode === 'web_message' || mode === 'fragment' ? mode : 'query';
  return {
    config: { ...config, authorizeUrl, redirectUri, responseMode },
    request: { authorizeUrl: authorizeUrl.href, state },
  };
}
