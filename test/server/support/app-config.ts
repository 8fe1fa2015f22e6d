/**
 * What the multi-process tests and the app processes they start agree on: how an app process is
 * configured (argv and env), the fixed client, and where the test app keeps tokens in Redis.
 */

/** `store`: flows kept in Redis (`redisFlowStore`); `cookie`: no `store`, the flow travels sealed in the cookie. */
export type FlowMode = 'store' | 'cookie';

export interface AppConfig {
  redisUrl: string;
  /** The provider emulator's origin: the fixed provider's endpoints and the Gancio-like instance. */
  providerOrigin: string;
  mode: FlowMode;
}

/** The server secret travels in the environment, never on the command line (`ps` shows argv). */
export const secretVariable = 'OAUTH_CONNECT_TEST_SECRET';

/** The client the fixed provider knows this app as. */
export const fixedClient = { clientId: 'multi-process-app', clientSecret: 'multi-process-app-secret' };

/** The fixed provider's registered callback page. */
export const fixedRedirectUri = 'http://127.0.0.1/oauth/callback/rotating';

/** Each Gancio instance gets its own callback page (RFC 9700 section 4.4.2). */
export const gancioRedirectUri = (instance: string) =>
  `http://127.0.0.1/oauth/callback/gancio?instance=${encodeURIComponent(instance)}`;

/** The request header that names the signed-in user of the test app; tokens are kept per user. */
export const userHeader = 'x-test-user';

/** The Redis key under which the test app keeps a user's tokens as JSON, shared by every process. */
export const tokensKey = (user: string) => `multi-process-test:tokens:${user}`;

export function appArgs(config: AppConfig): string[] {
  return [`--redis=${config.redisUrl}`, `--provider=${config.providerOrigin}`, `--mode=${config.mode}`];
}

export function readAppArgs(argv: readonly string[]): AppConfig {
  const value = (name: string) => {
    const found = argv.find((arg) => arg.startsWith(`--${name}=`));
    if (!found) throw new Error(`app process: the argument --${name}=... is missing`);
    return found.slice(name.length + 3);
  };
  const mode = value('mode');
  if (mode !== 'store' && mode !== 'cookie') {
    throw new Error(`app process: --mode must be "store" or "cookie", got "${mode}"`);
  }
  return { redisUrl: value('redis'), providerOrigin: new URL(value('provider')).origin, mode };
}

/** What an app process sends its parent over IPC once it listens. */
export interface ListeningMessage {
  type: 'listening';
  port: number;
  pid: number;
}

/** The app process's `/stats` answer. */
export interface AppStats {
  pid: number;
  uptimeMs: number;
  /** How many times the test app read a user's tokens from Redis (the refresher's `load`). */
  tokenLoads: number;
  /** How many times `onError` was called. */
  errors: number;
  /** The latest `onError` calls, oldest first. */
  recentErrors: Array<{ route: string; name: string; message: string }>;
}
