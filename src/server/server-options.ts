import type { FlowKeeperOptions } from './flow-keeper.js';
import type { ErrorHook } from './http/guard-handler.js';
import { createOutboundFetch, type OutboundOptions } from './outbound/index.js';
import type { ProviderTable } from './providers.js';

/** What the start and exchange handlers share; pass the same object to both. */
export interface ServerOptions extends FlowKeeperOptions {
  providers: ProviderTable;
  /** Refuses a request before anything else happens, e.g. a CSRF or session check; return a Response to refuse. */
  authorize?(request: Request): Response | undefined | Promise<Response | undefined>;
  /** Sees every error answered with 5xx (a store down, a throwing hook, a bug), for logs. */
  onError?: ErrorHook;
  /**
   * Every request to a provider has a timeout and a size cap; those to per-instance providers (origins
   * a user typed) also go through the guard: https only, public addresses only, no redirects.
   * `allowHosts` names hosts a deployment trusts despite the guard.
   */
  outbound?: OutboundOptions;
  /** Replaces the outbound layer entirely, guard included (tests). */
  fetch?: typeof fetch;
}

/** The two fetchers a handler uses: `guarded` for origins users influence, `plain` for the providers you configured. */
export function outboundFetchers(options: ServerOptions): { guarded: typeof fetch; plain: typeof fetch } {
  if (options.fetch) return { guarded: options.fetch, plain: options.fetch };
  return {
    guarded: createOutboundFetch({ ...options.outbound, guard: true }),
    plain: createOutboundFetch({ ...options.outbound, guard: false }),
  };
}
