import { interpretAuthorizationResponse, type CodeDetail } from './authorization-response.js';
import type { CallbackParams } from './callback-message.js';
import type { ResolvedConfig } from './config.js';
import { OAuthConnectError, type CancelReason } from './errors.js';
import { csrfTokenFor, exchangeCode, type ConnectResult } from './exchange.js';

export type AttemptOutcome =
  | { kind: 'success'; result: ConnectResult }
  | { kind: 'error'; error: OAuthConnectError }
  | { kind: 'cancel'; reason: CancelReason };

export type AttemptPhase = 'authorizing' | 'exchanging' | 'done';

/** What an attempt uses from its surroundings; the seams tests replace. */
export interface AttemptEnvironment {
  /** The opener window: it opens the popup and receives the callback message. */
  window: Window;
  open?: (url: string, features: string) => Window | null;
  fetch?: typeof fetch;
}

export interface AttemptHooks {
  onStart?(detail: { authorizeUrl: string }): void;
  /** Return false to skip the exchange (the page handles the code itself). */
  onCode?(detail: CodeDetail): boolean | void;
  /** Called on each phase change before the outcome, and with `detached` when a COOP popup went out of reach. */
  onPhase?(phase: AttemptPhase | 'detached'): void;
}

export interface CompletionContext {
  config: ResolvedConfig;
  codeVerifier?: string;
  /** The OpenID Connect `nonce` the authorization request carried. */
  nonce?: string;
  /** Where the callback page says the response arrived (its `redirect_uri`); checked against `config.redirectUri`. */
  arrivedAt?: string;
  env: AttemptEnvironment;
  hooks: AttemptHooks;
  /** Aborts the exchange when the attempt is cancelled. */
  signal: AbortSignal;
}

/**
 * From a checked authorization response to the attempt's outcome: a response that arrived at another
 * redirect URI, the provider's error or an issuer mismatch, else `oauth-connect-code`, then the
 * exchange unless the page took the code itself.
 * Undefined when the signal aborted the exchange (the attempt has then ended as cancelled).
 */
export async function completeAuthorization(
  params: CallbackParams,
  context: CompletionContext,
): Promise<AttemptOutcome | undefined> {
  const { config, env, hooks } = context;
  let code: CodeDetail;
  try {
    code = interpretAuthorizationResponse(params, {
      redirectUri: config.redirectUri,
      codeVerifier: context.codeVerifier,
      issuer: config.issuer,
      arrivedAt: context.arrivedAt,
      nonce: context.nonce,
    });
  } catch (error) {
    return { kind: 'error', error: error as OAuthConnectError };
  }
  const proceed = hooks.onCode?.(code) ?? true;
  if (context.signal.aborted) return undefined;
  if (!proceed || !config.exchangeUrl) return { kind: 'success', result: { response: null, status: null } };
  hooks.onPhase?.('exchanging');
  try {
    const result = await exchangeCode({
      url: config.exchangeUrl,
      code,
      provider: config.provider,
      credentials: config.exchangeCredentials,
      csrfToken: csrfTokenFor(config.exchangeUrl, env.window, config.csrfOrigins),
      fetch: env.fetch ?? env.window.fetch.bind(env.window),
      signal: context.signal,
      timeoutMs: config.exchangeTimeoutMs,
    });
    return { kind: 'success', result };
  } catch (error) {
    if (error instanceof OAuthConnectError) return { kind: 'error', error };
    return undefined;
  }
}
