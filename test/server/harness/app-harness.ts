import {
  createExchangeHandler,
  createStartHandler,
  toNodeListener,
  type ExchangeHandlerOptions,
  type ServerOptions,
} from '../../../src/server.js';
import { listen, rawRequest, type Listening } from './http-harness.js';

export const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

export interface TestApp extends Listening {
  /** POST JSON to /start or /exchange with optional cookies. */
  post(
    path: '/start' | '/exchange',
    body: unknown,
    cookies?: string[],
    headers?: Record<string, string>,
  ): ReturnType<typeof rawRequest>;
}

/** The app's backend: the start and exchange handlers on one server, as a Node app mounts them. */
export async function startApp(
  options: Omit<ExchangeHandlerOptions, 'secret'> & Partial<ServerOptions>,
): Promise<TestApp> {
  const all = { secret: SECRET, ...options };
  const start = toNodeListener(createStartHandler(all));
  const exchange = toNodeListener(createExchangeHandler(all));
  const server = await listen((req, res) => (req.url === '/start' ? start(req, res) : exchange(req, res)));
  return {
    ...server,
    post: (path, body, cookies = [], headers = {}) =>
      rawRequest(server.origin, {
        path,
        headers: {
          'Content-Type': 'application/json',
          ...(cookies.length ? { Cookie: cookies.join('; ') } : {}),
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** The `name=value` parts of a response's Set-Cookie headers. */
export function cookiesOf(headers: { 'set-cookie'?: string[] }): string[] {
  return (headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]!).filter((pair) => !pair.endsWith('='));
}

/** Starts a flow: the state the provider will echo and the cookie that binds it to this "browser". */
export async function startFlow(
  app: TestApp,
  body: Record<string, string> = { provider: 'Test' },
  cookies: string[] = [],
) {
  const answer = await app.post('/start', body, cookies);
  if (answer.status !== 200) throw new Error(`start answered ${answer.status}: ${answer.body}`);
  const url = new URL(JSON.parse(answer.body).authorize_url);
  return {
    url,
    state: url.searchParams.get('state')!,
    cookies: cookiesOf(answer.headers as never),
    setCookie: answer.headers['set-cookie'] ?? [],
  };
}
