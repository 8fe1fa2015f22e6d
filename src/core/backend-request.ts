import type { AttemptEnvironment } from './attempt.js';
import type { BackendConfig } from './config.js';
import { OAuthConnectError } from './errors.js';
import type { ConnectResult } from './exchange.js';

/** The page's `<meta name="csrf-token">` value, as Laravel and Rails pages carry it. */
export function readCsrfToken(doc: Document): string | undefined {
  return doc.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || undefined;
}

/**
 * The CSRF token for a POST to `url`: only when the URL resolves to the page's own origin or one of
 * `extraOrigins` (`csrf-origins`), so a backend on another origin never learns the page's token.
 */
export function csrfTokenFor(url: string, win: Window, extraOrigins: readonly string[] = []): string | undefined {
  const target = new URL(url, win.document.baseURI).origin;
  if (target !== win.location.origin && !extraOrigins.includes(target)) return undefined;
  return readCsrfToken(win.document);
}

/**
 * POSTs `body` as JSON to `url`, one of the page's own endpoints, once, never retried: with the CSRF token
 * where it may go, `config`'s credentials mode and time limit. Undefined values are left out of the JSON.
 * 2xx with a JSON body resolves with the body as `response`, and the status; anything else throws `failure`
 * (with `status`) or `network_error`. A disconnect (`failure` is `disconnect_failed`) needs no JSON body, and
 * its network failure is `disconnect_failed` too. When `signal` aborts, rejects with its reason.
 */
export async function postToBackend(
  url: string,
  body: Record<string, string | undefined>,
  failure: 'exchange_failed' | 'start_failed' | 'disconnect_failed',
  config: BackendConfig,
  env: AttemptEnvironment,
  signal: AbortSignal,
): Promise<ConnectResult & { status: number }> {
  const win = env.window;
  const endpoint = `The ${failure.split('_')[0]} endpoint`;
  const timeoutMs = config.exchangeTimeoutMs;
  const disconnect = failure === 'disconnect_failed';
  let response: Response;
  let text: string;
  try {
    // Inside: a disconnect URL nobody checked yet may not parse, which is this endpoint failing too.
    const csrfToken = csrfTokenFor(url, win, config.csrfOrigins);
    response = await (env.fetch ?? win.fetch.bind(win))(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(csrfToken && { 'X-CSRF-TOKEN': csrfToken }),
      },
      credentials: config.exchangeCredentials,
      body: JSON.stringify(body),
      signal: timeoutMs ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : signal,
    });
    text = await response.text();
  } catch (cause) {
    if (signal.aborted) throw cause;
    const message =
      (cause as Error)?.name === 'TimeoutError'
        ? `${endpoint} did not answer within ${timeoutMs / 1000} s`
        : `${endpoint} could not be reached`;
    throw new OAuthConnectError(disconnect ? failure : 'network_error', message, { cause });
  }
  const { ok, status } = response;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: `json` stays undefined, which no JSON text parses to.
  }
  if (!ok || (json === undefined && !disconnect)) {
    const { error_description: description, message } = (json ?? {}) as Record<string, unknown>;
    throw new OAuthConnectError(failure, `${endpoint} answered HTTP ${status}${ok ? ' without a JSON body' : ''}`, {
      status,
      description: [description, message].find((value) => typeof value === 'string') as string | undefined,
    });
  }
  return { response: json, status };
}
