import { postToBackend, type BackendRequest } from './backend-request.js';
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
 * Server-initiated mode (CONTRACT section 5): `POST start-url` with `{ provider, instance }`; the
 * backend keeps the state and PKCE verifier and answers `{ authorize_url }`. The state and redirect URI
 * the popup's response must match are read from that URL.
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
