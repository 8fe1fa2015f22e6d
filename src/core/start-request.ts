import type { AttemptEnvironment } from './attempt.js';
import { csrfTokenFor, postToBackend, type BackendRequest } from './backend-request.js';
import { defaultMessageOrigins, type ResolvedConfig } from './config.js';
import { OAuthConnectError } from './errors.js';

export interface StartRequest extends Omit<BackendRequest, 'body' | 'failure' | 'endpointName'> {
  provider?: string;
  instance?: string;
}

/** What the start endpoint's answer tells the widget: where the popup goes, and what to expect back. */
export interface StartAnswer {
  authorizeUrl: URL;
  state: string;
  redirectUri: string;
}

function startFailed(problem: string, status: number): OAuthConnectError {
  return new OAuthConnectError('start_failed', `The start endpoint answered with ${problem}`, { status });
}

/**
 * Server-initiated mode: `POST start-url` with `{ provider, instance }`; the backend keeps the state and
 * PKCE verifier and answers `{ authorize_url }`. The state and redirect URI the popup's response must
 * match are read from that URL (RFC 6749 section 4.1.1).
 */
export async function requestStart(request: StartRequest): Promise<StartAnswer> {
  const body: Record<string, string> = {};
  if (request.provider) body.provider = request.provider;
  if (request.instance) body.instance = request.instance;
  const answer = await postToBackend({ ...request, body, failure: 'start_failed', endpointName: 'The start endpoint' });
  const text = (answer.body as { authorize_url?: unknown } | null)?.authorize_url;
  let url: URL;
  try {
    url = new URL(text as string);
  } catch {
    throw startFailed('no valid "authorize_url"', answer.status);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw startFailed(`an "authorize_url" that is not http(s): ${url.protocol}`, answer.status);
  const state = url.searchParams.get('state');
  const redirectUri = url.searchParams.get('redirect_uri');
  if (!state) throw startFailed('an "authorize_url" without a "state"', answer.status);
  if (!redirectUri) throw startFailed('an "authorize_url" without a "redirect_uri"', answer.status);
  return { authorizeUrl: url, state, redirectUri };
}

/**
 * Asks the start endpoint for the request, and returns the configuration the response is then checked
 * against: the backend's authorize URL, redirect URI and response mode. `config` is left as it was.
 */
export async function startOnServer(config: ResolvedConfig, env: AttemptEnvironment, signal: AbortSignal) {
  const win = env.window;
  const answer = await requestStart({
    url: config.startUrl!,
    provider: config.provider,
    instance: config.instance,
    credentials: config.exchangeCredentials,
    csrfToken: csrfTokenFor(config.startUrl!, win, config.csrfOrigins),
    fetch: env.fetch ?? win.fetch.bind(win),
    signal,
    timeoutMs: config.exchangeTimeoutMs,
  });
  const { authorizeUrl, redirectUri, state } = answer;
  const mode = authorizeUrl.searchParams.get('response_mode');
  const responseMode = mode === 'web_message' || mode === 'fragment' ? mode : 'query';
  const started: ResolvedConfig = {
    ...config,
    authorizeUrl,
    redirectUri,
    responseMode,
    messageOrigins: config.messageOriginsGiven
      ? config.messageOrigins
      : defaultMessageOrigins(redirectUri, authorizeUrl, responseMode),
  };
  return { config: started, request: { authorizeUrl: authorizeUrl.href, state } };
}
