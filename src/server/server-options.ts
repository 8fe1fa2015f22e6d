import type { FlowKeeperOptions } from './flow-keeper.js';
import type { ProviderTable } from './providers.js';

/** What the start and exchange handlers share; pass the same object to both. */
export interface ServerOptions extends FlowKeeperOptions {
  providers: ProviderTable;
  /** Refuses a request before anything else happens, e.g. a CSRF or session check; return a Response to refuse. */
  authorize?(request: Request): Response | undefined | Promise<Response | undefined>;
  fetch?: typeof fetch;
}
