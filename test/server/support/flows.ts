/** What a browser does in the multi-process tests: start a flow, let the user approve, send the exchange. */
import { randomBytes } from 'node:crypto';
import { userHeader } from './app-config.js';
import type { AppProcess } from './app-processes.js';
import type { ProviderEmulator } from './provider.js';

/** A flow the user approved: what the browser holds once the provider redirected back. */
export interface ApprovedFlow {
  state: string;
  /** The flow cookie as the browser sends it back (`name=value`). */
  cookie: string;
  code: string;
  redirectUri: string;
  /** The client the flow was started for, as the authorize URL names it. */
  clientId: string;
}

export const uniqueUser = (label: string) => `${label}-${randomBytes(6).toString('base64url')}`;

/** Starts a flow on `app` and approves it at the provider; throws when the start is refused. */
export async function startFlow(
  app: AppProcess,
  provider: ProviderEmulator,
  body: Record<string, string> = { provider: 'rotating' },
): Promise<ApprovedFlow> {
  const response = await app.post('/start', body);
  if (response.status !== 200) {
    throw new Error(`start on ${app.name} answered HTTP ${response.status}: ${await response.text()}`);
  }
  const { authorize_url: authorizeUrl } = (await response.json()) as { authorize_url: string };
  const query = new URL(authorizeUrl).searchParams;
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
  return {
    state: query.get('state')!,
    cookie,
    code: provider.authorize(authorizeUrl),
    redirectUri: query.get('redirect_uri')!,
    clientId: query.get('client_id')!,
  };
}

/** The widget's exchange request for `flow`, sent to `app` by the browser of `user`. */
export function sendExchange(app: AppProcess, flow: ApprovedFlow, user: string): Promise<Response> {
  const body = { code: flow.code, state: flow.state, redirect_uri: flow.redirectUri };
  return app.post('/exchange', body, { cookie: flow.cookie, [userHeader]: user });
}

/** A request's status, JSON body and how long it took to answer. */
export async function timed(send: () => Promise<Response>): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const response = await send();
  const body = await response.json();
  return { status: response.status, body, ms: performance.now() - started };
}

/** The answers of requests sent at the same instant. */
export async function answersOf(requests: Array<Promise<Response>>): Promise<Array<{ status: number; body: any }>> {
  return Promise.all(
    requests.map(async (request) => {
      const response = await request;
      return { status: response.status, body: await response.json() };
    }),
  );
}
