/** Resolves a host name to all its addresses, as text. */
export type Resolver = (hostname: string) => Promise<string[]>;

export interface NodeNetworking {
  http: typeof import('node:http');
  https: typeof import('node:https');
  resolve: Resolver;
}

let loading: Promise<NodeNetworking | undefined> | undefined;

/**
 * `node:http`, `node:https` and `node:dns`, loaded on first use so this module still loads in runtimes
 * without them (there a guarded request fails closed). Undefined when the runtime lacks any of them.
 */
export function loadNodeNetworking(): Promise<NodeNetworking | undefined> {
  loading ??= Promise.all([import('node:http'), import('node:https'), import('node:dns')]).then(
    ([http, https, dns]) => ({
      http,
      https,
      // The system resolver (hosts file included), the one a plain connect would use; every address it knows.
      resolve: async (hostname) => {
        const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
        return answers.map((answer) => answer.address);
      },
    }),
    () => undefined,
  );
  return loading;
}
