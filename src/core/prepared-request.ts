import type { Attempt, AttemptEnvironment } from './attempt.js';
import { buildAuthorizeUrl, openIdNonce } from './authorize-url.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError } from './errors.js';
import { createCodeVerifier, deriveCodeChallenge } from './pkce.js';
import { randomToken } from './random.js';
import { startOnServer } from './start-request.js';

/**
 * The secrets of one future authorization request, made before the click so the popup can open at the
 * final authorize URL in the click's own task. Each is used by one attempt at most.
 */
export interface PreparedRequest {
  readonly state: string;
  /** PKCE `code_verifier` and its S256 `code_challenge` (RFC 7636 sections 4.1 and 4.2). */
  readonly codeVerifier: string;
  readonly codeChallenge: string;
}

/** What an attempt sends, and what it must remember to check and complete the response. */
export interface AuthorizationRequest {
  authorizeUrl: string;
  state: string;
  codeVerifier?: string;
  /** OpenID Connect `nonce` (OpenID Connect Core 1.0 section 3.1.2.1). */
  nonce?: string;
}

const used = new WeakSet<PreparedRequest>();

/** Fresh values for the next attempt: state (RFC 6749 section 10.12) and a PKCE pair. */
export async function prepareRequest(): Promise<PreparedRequest> {
  const codeVerifier = createCodeVerifier();
  const codeChallenge = await deriveCodeChallenge(codeVerifier);
  return { state: randomToken(), codeVerifier, codeChallenge };
}

/**
 * The request for `config`, built at once from `prepared` (spent by this call: a second call with the
 * same values gets undefined), or without them when PKCE is off. Undefined when PKCE needs values that
 * are not ready.
 */
export function authorizationRequest(
  config: ResolvedConfig,
  prepared?: PreparedRequest,
): AuthorizationRequest | undefined {
  const fresh = prepared && !used.has(prepared) ? prepared : undefined;
  if (config.pkce === 'S256' && !fresh) return undefined;
  if (fresh) used.add(fresh);
  const state = fresh?.state ?? randomToken();
  const codeVerifier = config.pkce === 'S256' ? fresh!.codeVerifier : undefined;
  const nonce = openIdNonce(config);
  const codeChallenge = codeVerifier && fresh!.codeChallenge;
  return { authorizeUrl: buildAuthorizeUrl(config, { state, codeChallenge, nonce }), state, codeVerifier, nonce };
}

/**
 * The request an attempt sends when none was ready at the click: asked of the backend with `start-url`
 * (which answers with the configuration the response must match), else prepared now. Undefined once the
 * attempt has ended, with the reason when the request could not be made.
 */
export async function requestLater(
  attempt: Attempt,
  config: ResolvedConfig,
  env: AttemptEnvironment,
): Promise<{ config: ResolvedConfig; request: AuthorizationRequest } | undefined> {
  try {
    if (config.startUrl) return await startOnServer(config, env, attempt.signal);
    return { config, request: authorizationRequest(config, await prepareRequest())! };
  } catch (cause) {
    if (attempt.signal.aborted) return undefined;
    const error =
      cause instanceof OAuthConnectError
        ? cause
        : new OAuthConnectError(
            'invalid_config',
            `"pkce" the authorization request could not be prepared: ${(cause as Error)?.message ?? cause}`,
            { attribute: 'pkce', cause },
          );
    attempt.fail(error);
    return undefined;
  }
}
