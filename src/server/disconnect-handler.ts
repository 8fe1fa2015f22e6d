import { ServerError } from './errors.js';
import { asServerError, type FetchHandler } from './http/guard-handler.js';
import { jsonResponse } from './http/json-response.js';
import { postHandler } from './http/post-handler.js';
import { optionalField } from './http/request-fields.js';
import {
  heldTokenTypes,
  revocationEndpointOf,
  revokeTokens,
  type RevocableToken,
  type RevocationOutcome,
} from './oauth/revocation.js';
import type { TokenSet } from './oauth/token-set.js';
import { isPerInstance, providerEntry, resolveProvider } from './providers.js';
import { outboundFetchers, type ServerOptions } from './server-options.js';

export type { RevocableToken };

/** The widget's disconnect request body. */
export interface DisconnectRequestBody {
  provider: string;
  /** The account the page showed: a label, never proof of whose tokens these are. */
  account?: string;
}

/** Who asks to disconnect, for `loadTokens`. */
export interface DisconnectContext extends DisconnectRequestBody {
  /** Find the user from it (session, cookie): the body only names the provider. */
  request: Request;
}

/** The tokens the app holds for this user at this provider, as `loadTokens` returns them. */
export interface HeldTokens extends Partial<Pick<TokenSet, RevocableToken>> {
  /** For a per-instance provider: the instance the tokens came from (`TokenContext.instance` at the exchange). */
  instance?: string;
}

/** What happened at the provider, for `forgetTokens`. */
export interface DisconnectResult extends DisconnectContext, RevocationOutcome {
  instance?: string;
}

/** The default answer: `disconnected`, and which held tokens the provider revoked and which live on. */
export interface DisconnectAnswer {
  disconnected: true;
  provider: string;
  revoked: RevocableToken[];
  not_revoked: RevocableToken[];
}

/** `ServerOptions` (it uses `providers`, `authorize`, `onError`, `outbound` and `fetch`) and two hooks. */
export interface DisconnectHandlerOptions extends ServerOptions {
  /** The tokens held for the user making `request` at `provider`; undefined when none. */
  loadTokens(context: DisconnectContext): HeldTokens | undefined | Promise<HeldTokens | undefined>;
  /**
   * Forgets them, once the provider revoked them (or cannot). Returns what the browser sees; undefined
   * answers a `DisconnectAnswer`.
   */
  forgetTokens(result: DisconnectResult): unknown | Promise<unknown>;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const ACCOUNT = /^[^\x00-\x1f\x7f]{1,200}$/u;

function readDisconnectBody(body: Record<string, unknown>, options: DisconnectHandlerOptions): DisconnectRequestBody {
  const names = Object.keys(options.providers);
  const provider = optionalField(body, 'provider') ?? (names.length === 1 ? names[0] : undefined);
  if (provider === undefined) throw new ServerError(400, 'invalid_request', '"provider" is required');
  const account = body.account ?? undefined;
  if (account === undefined || account === '') return { provider };
  if (typeof account !== 'string' || !ACCOUNT.test(account)) {
    throw new ServerError(400, 'invalid_request', '"account" must be 1 to 200 characters without control characters');
  }
  return { provider, account };
}

/** Revokes what `held` names at the provider's revocation endpoint; no endpoint revokes nothing. */
async function revokeHeld(
  options: DisconnectHandlerOptions,
  fetchers: ReturnType<typeof outboundFetchers>,
  provider: string,
  held: HeldTokens,
): Promise<RevocationOutcome> {
  const types = heldTokenTypes(held);
  if (!types.length) return { revoked: [], notRevoked: [] };
  const perInstance = isPerInstance(providerEntry(options.providers, provider));
  if (perInstance && held.instance === undefined) {
    throw new ServerError(500, 'server_error', `"loadTokens" must return the "instance" of ${provider}'s tokens`);
  }
  // An instance's origin is one a user typed once: what it publishes goes through the guard.
  const fetcher = perInstance ? fetchers.guarded : fetchers.plain;
  const instance = perInstance ? held.instance : undefined;
  const settings = await resolveProvider(options.providers, provider, instance, fetcher);
  const endpoint = await revocationEndpointOf(settings, fetcher, instance);
  if (!endpoint) return { revoked: [], notRevoked: types };
  return revokeTokens({ ...settings, revocationEndpoint: endpoint }, held, fetcher);
}

/**
 * `(request: Request) => Promise<Response>` for the widget's `disconnect-url`: takes `{ provider, account? }`,
 * loads the tokens the app holds for this user (`loadTokens`), revokes them at the provider's revocation
 * endpoint (RFC 7009), then lets the app forget them (`forgetTokens`) and answers JSON. The endpoint comes
 * from the provider's settings or metadata, never from the request. When the provider cannot be reached or
 * refuses, nothing is forgotten and the answer is a 502: the grant is never left alive behind a "disconnected".
 */
export function createDisconnectHandler(options: DisconnectHandlerOptions): FetchHandler {
  const fetchers = outboundFetchers(options);
  return postHandler(options, async (json, request) => {
    const body = readDisconnectBody(json, options);
    const entry = providerEntry(options.providers, body.provider);
    if (!entry) throw new ServerError(400, 'invalid_request', `unknown provider ${JSON.stringify(body.provider)}`);

    const context: DisconnectContext = { ...body, request };
    const held = (await options.loadTokens(context)) ?? {};
    const instance = isPerInstance(entry) ? held.instance : undefined;
    let outcome: RevocationOutcome;
    try {
      outcome = await revokeHeld(options, fetchers, body.provider, held);
    } catch (error) {
      const failure = asServerError(error);
      const retry = failure.status === 502 || failure.status === 503 ? ': try again' : '';
      const message = `${failure.message}. Nothing was disconnected${retry}`;
      throw new ServerError(failure.status, failure.code, message, { cause: failure.cause ?? error });
    }
    const answer = await options.forgetTokens({ ...context, instance, ...outcome });
    const fallback: DisconnectAnswer = {
      disconnected: true,
      provider: body.provider,
      revoked: outcome.revoked,
      not_revoked: outcome.notRevoked,
    };
    return jsonResponse(answer ?? fallback);
  });
}
