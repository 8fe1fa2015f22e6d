import { findReservedParam, reservedParamProblem } from '../protocol/authorization-request.js';
import { isHttpUrl, normalizeInstance, parseUrl } from '../protocol/urls.js';
import { invalidConfig } from './errors.js';

export { normalizeInstance };

export type PkceMethod = 'S256' | 'off';
export type ResponseMode = 'query' | 'fragment' | 'web_message';
export type Fallback = 'none' | 'redirect';

/** What a page configures: the element's attributes, or the headless `connect()` options. */
export interface ConnectOptions {
  /** Required unless `startUrl` is set. */
  authorizeUrl?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  exchangeUrl?: string;
  /** Server-initiated mode: the backend builds the authorize URL. */
  startUrl?: string;
  display?: string;
  pkce?: PkceMethod;
  /** Extra authorize parameters in query-string form: `prompt=consent&audience=x`. */
  params?: string;
  responseMode?: ResponseMode;
  /** Space-separated origins a callback message may come from. */
  messageOrigins?: string;
  issuer?: string;
  popupWidth?: number;
  popupHeight?: number;
  /** Seconds; 0 = never. */
  timeout?: number;
  fallback?: Fallback;
  exchangeCredentials?: RequestCredentials;
  /** Seconds the exchange request may take; 0 = no limit of ours. */
  exchangeTimeout?: number;
  provider?: string;
  /** With `start-url`: the origin of the user's server, for providers that run as many instances. */
  instance?: string;
  /** Space-separated origins besides the page's own that may receive the page's CSRF token. */
  csrfOrigins?: string;
}

/** Options after validation, with defaults applied and URLs made absolute. */
export interface ResolvedConfig {
  authorizeUrl: URL;
  clientId: string;
  redirectUri: string;
  scope: string;
  exchangeUrl?: string;
  display: string;
  pkce: PkceMethod;
  params: URLSearchParams;
  responseMode: ResponseMode;
  messageOrigins: readonly string[];
  issuer?: string;
  popupWidth: number;
  popupHeight: number;
  timeoutMs: number;
  fallback: Fallback;
  exchangeCredentials: RequestCredentials;
  exchangeTimeoutMs: number;
  provider?: string;
  /** Server-initiated mode: `authorizeUrl` is then the start URL until the backend answers. */
  startUrl?: string;
  instance?: string;
  /** Whether `message-origins` was set; otherwise they follow the redirect URI and response mode. */
  messageOriginsGiven: boolean;
  /** Origins besides the page's own that backend POSTs may send the CSRF token to. */
  csrfOrigins: readonly string[];
}

const MAX_TIMER_SECONDS = Math.floor(0x7fffffff / 1000);

function httpUrl(attribute: string, value: string | undefined, base?: string): URL {
  if (!value) throw invalidConfig(attribute, 'is required');
  const url = parseUrl(value, base);
  if (!url) throw invalidConfig(attribute, `is not a valid URL: ${value}`);
  if (!isHttpUrl(url)) throw invalidConfig(attribute, `must be an http(s) URL, got ${url.protocol}`);
  return url;
}

function oneOf<T extends string>(attribute: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidConfig(attribute, `must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

function positiveNumber(attribute: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined || value === null) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (!allowZero && number === 0)) {
    throw invalidConfig(attribute, `must be a ${allowZero ? 'non-negative' : 'positive'} number; got "${value}"`);
  }
  return number;
}

function parseOrigins(attribute: string, list: string): string[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((origin) => {
      const parsed = parseUrl(origin);
      if (!parsed) throw invalidConfig(attribute, `has an entry that is not an origin: ${origin}`);
      if (parsed.origin !== origin || origin === 'null') {
        throw invalidConfig(attribute, `entries must be bare origins like https://app.example; got ${origin}`);
      }
      return origin;
    });
}

/** Where a response may come from by default: the callback page, and for `web_message` the provider itself. */
export function defaultMessageOrigins(redirectUri: string, authorizeUrl: URL, responseMode: ResponseMode): string[] {
  const origins = redirectUri ? [new URL(redirectUri).origin] : [];
  if (responseMode === 'web_message' && !origins.includes(authorizeUrl.origin)) origins.push(authorizeUrl.origin);
  return origins;
}

function parseExtraParams(value: string | undefined): URLSearchParams {
  const params = new URLSearchParams(value ?? '');
  const reserved = findReservedParam(params.keys());
  if (reserved) throw invalidConfig('params', reservedParamProblem(reserved));
  return params;
}

/**
 * Checks every option and applies the defaults the README's attribute table lists.
 * Throws `invalid_config` naming the attribute at fault. `base` resolves a relative `exchange-url`.
 */
export function resolveConfig(options: ConnectOptions, base: string): ResolvedConfig {
  const startUrl = options.startUrl ? httpUrl('start-url', options.startUrl, base).href : undefined;
  // In server-initiated mode the backend builds the authorize URL; until it answers, the start URL stands in.
  const authorizeUrl =
    startUrl && !options.authorizeUrl ? new URL(startUrl) : httpUrl('authorize-url', options.authorizeUrl);
  if (!options.clientId && !startUrl) throw invalidConfig('client-id', 'is required');
  const redirect = startUrl && !options.redirectUri ? undefined : httpUrl('redirect-uri', options.redirectUri);
  // RFC 6749 section 3.1.2: the redirection endpoint URI must not include a fragment.
  if (redirect?.hash) throw invalidConfig('redirect-uri', 'must not contain a fragment');
  const exchangeUrl = options.exchangeUrl ? httpUrl('exchange-url', options.exchangeUrl, base).href : undefined;
  const responseMode = oneOf('response-mode', options.responseMode, ['query', 'fragment', 'web_message'], 'query');
  const instance = options.instance ? normalizeInstance(options.instance) : undefined;
  if (options.instance && !instance)
    throw invalidConfig('instance', `must be a server address like https://events.example; got "${options.instance}"`);

  const messageOriginsGiven = Boolean(options.messageOrigins?.trim());
  const redirectUri = options.redirectUri ?? '';
  const messageOrigins = messageOriginsGiven
    ? parseOrigins('message-origins', options.messageOrigins!)
    : defaultMessageOrigins(redirect ? redirectUri : '', authorizeUrl, responseMode);

  const csrfOrigins = parseOrigins('csrf-origins', options.csrfOrigins ?? '');
  const notHttp = csrfOrigins.find((origin) => !isHttpUrl(new URL(origin)));
  if (notHttp) throw invalidConfig('csrf-origins', `entries must be http(s) origins; got ${notHttp}`);

  const timeout = positiveNumber('timeout', options.timeout, 600, true);
  return {
    authorizeUrl,
    clientId: options.clientId ?? '',
    redirectUri,
    scope: options.scope?.trim().split(/\s+/).filter(Boolean).join(' ') ?? '',
    exchangeUrl,
    display: options.display ?? 'popup',
    pkce: oneOf('pkce', options.pkce, ['S256', 'off'], 'S256'),
    params: parseExtraParams(options.params),
    responseMode,
    messageOrigins,
    messageOriginsGiven,
    csrfOrigins,
    issuer: options.issuer || undefined,
    popupWidth: positiveNumber('popup-width', options.popupWidth, 500),
    popupHeight: positiveNumber('popup-height', options.popupHeight, 650),
    timeoutMs: Math.min(timeout, MAX_TIMER_SECONDS) * 1000,
    fallback: oneOf('fallback', options.fallback, ['none', 'redirect'], 'none'),
    exchangeCredentials: oneOf(
      'exchange-credentials',
      options.exchangeCredentials,
      ['omit', 'same-origin', 'include'],
      'same-origin',
    ),
    exchangeTimeoutMs:
      Math.min(positiveNumber('exchange-timeout', options.exchangeTimeout, 30, true), MAX_TIMER_SECONDS) * 1000,
    provider: options.provider || undefined,
    startUrl,
    instance,
  };
}
