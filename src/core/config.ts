import { findReservedParam, reservedParamProblem } from '../protocol/authorization-request.js';
import { normalizeInstance, parseHttpUrl, parseUrl } from '../protocol/urls.js';
import { invalidConfig } from './errors.js';

export { normalizeInstance };

export type PkceMethod = 'S256' | 'off';
export type ResponseMode = 'query' | 'fragment' | 'web_message';
export type Fallback = 'none' | 'redirect' | 'auto';

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
  /**
   * `redirect`: a blocked popup becomes a full-page redirect. `auto`: the redirect at once in in-app browsers,
   * webviews and installed apps; elsewhere the popup, with the redirect when it is blocked.
   */
  fallback?: Fallback;
  /** The provider turns in-app browsers and webviews away (as Google does, which is known without it). */
  refusesWebviews?: boolean;
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
  /** The origins `message-origins` names; without it they follow the redirect URI (see `messageOriginsOf`). */
  messageOrigins?: readonly string[];
  issuer?: string;
  popupWidth: number;
  popupHeight: number;
  timeoutMs: number;
  fallback: Fallback;
  refusesWebviews?: boolean;
  exchangeCredentials: RequestCredentials;
  exchangeTimeoutMs: number;
  provider?: string;
  /** Server-initiated mode: `authorizeUrl` is then the start URL until the backend answers. */
  startUrl?: string;
  instance?: string;
  /** Origins besides the page's own that backend POSTs may send the CSRF token to. */
  csrfOrigins?: readonly string[];
}

/** What decides where a response may come from. */
export type MessageConfig = Pick<ResolvedConfig, 'messageOrigins' | 'redirectUri' | 'responseMode' | 'authorizeUrl'>;

/** The options with a fixed set of values; the first is the default. */
const CHOICES = {
  pkce: ['S256', 'off'],
  responseMode: ['query', 'fragment', 'web_message'],
  fallback: ['none', 'redirect', 'auto'],
  exchangeCredentials: ['same-origin', 'omit', 'include'],
} as const;

const MAX_TIMER_SECONDS = Math.floor(0x7fffffff / 1000);

/** `popupWidth` → `popup-width`: the attribute an option is set by, as errors name it. */
export const attributeOf = (option: string) => option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const refuse = (option: string, problem: string) => invalidConfig(attributeOf(option), problem);

/**
 * Where a response may come from: the origins `message-origins` names, else the callback page's, and for
 * `web_message` the provider itself.
 */
export function messageOriginsOf(config: MessageConfig): readonly string[] {
  const callback = parseUrl(config.redirectUri)?.origin;
  const provider = config.responseMode === 'web_message' && config.authorizeUrl.origin;
  return config.messageOrigins ?? ([callback, provider].filter(Boolean) as string[]);
}

/** The element's options: the headless ones, and `disconnectUrl`, which only its Disconnect reads. */
type ElementOptions = ConnectOptions & { disconnectUrl?: string };

/** Readers that check one option each, throwing `invalid_config` naming its attribute. */
function optionReader(options: ElementOptions) {
  // Only the page's own endpoints may be relative.
  const httpUrl = (
    option: 'authorizeUrl' | 'redirectUri' | 'exchangeUrl' | 'startUrl' | 'disconnectUrl',
    relativeTo?: string,
  ) => {
    const value = options[option];
    const url = value && parseHttpUrl(value, relativeTo);
    if (!url) throw refuse(option, value ? `must be an http(s) URL; got "${value}"` : 'is required');
    return url;
  };
  const choice = <Option extends keyof typeof CHOICES>(option: Option): (typeof CHOICES)[Option][number] => {
    const allowed: readonly string[] = CHOICES[option];
    const value = options[option] ?? allowed[0];
    if (!allowed.includes(value)) throw refuse(option, `must be one of ${allowed.join(', ')}; got "${value}"`);
    return value as (typeof CHOICES)[Option][number];
  };
  // Sizes must be positive; timeouts, in seconds, may be 0 (no limit) and become milliseconds.
  const number = (
    option: 'popupWidth' | 'popupHeight' | 'timeout' | 'exchangeTimeout',
    fallback: number,
    seconds?: boolean,
  ) => {
    const value = Number(options[option] ?? fallback);
    if (!Number.isFinite(value) || value < 0 || (!seconds && !value)) {
      throw refuse(option, `must be a ${seconds ? 'non-negative' : 'positive'} number; got "${options[option]}"`);
    }
    return seconds ? Math.min(value, MAX_TIMER_SECONDS) * 1000 : value;
  };
  const words = (option: 'scope' | 'messageOrigins' | 'csrfOrigins') =>
    (options[option] ?? '').split(/\s+/).filter(Boolean);
  // Undefined when none is named.
  const origins = (option: 'messageOrigins' | 'csrfOrigins', http?: boolean) => {
    const named = words(option);
    for (const origin of named) {
      if (parseUrl(origin)?.origin !== origin || (http && !parseHttpUrl(origin))) {
        throw refuse(
          option,
          `entries must be bare ${http ? 'http(s) ' : ''}origins like https://app.example; got ${origin}`,
        );
      }
    }
    return named.length ? named : undefined;
  };
  return { httpUrl, choice, number, words, origins };
}

/** What every POST to the page's backend follows: the exchange's, the start's and the disconnect's. */
export type BackendConfig = Pick<ResolvedConfig, 'csrfOrigins' | 'exchangeCredentials' | 'exchangeTimeoutMs'>;

function backendConfigOf({ choice, number, origins }: ReturnType<typeof optionReader>): BackendConfig {
  return {
    csrfOrigins: origins('csrfOrigins', true),
    exchangeCredentials: choice('exchangeCredentials'),
    exchangeTimeoutMs: number('exchangeTimeout', 30, true),
  };
}

/**
 * The Disconnect request's endpoint (relative to `base`) and the rules it shares with the exchange, checked as
 * `resolveConfig` checks them. Throws `invalid_config` naming the attribute at fault.
 */
export function resolveDisconnect(options: ElementOptions, base: string): BackendConfig & { url: string } {
  const reader = optionReader(options);
  return { url: reader.httpUrl('disconnectUrl', base).href, ...backendConfigOf(reader) };
}

/**
 * Checks every option and applies the defaults the README's attribute table lists.
 * Throws `invalid_config` naming the attribute at fault. `base` resolves a relative `exchange-url`.
 */
export function resolveConfig(options: ConnectOptions, base: string): ResolvedConfig {
  const reader = optionReader(options);
  const { httpUrl, choice, number, words, origins } = reader;

  const startUrl = options.startUrl ? httpUrl('startUrl', base).href : undefined;
  // In server-initiated mode the backend builds the authorize URL; until it answers, the start URL stands in.
  const authorizeUrl = startUrl && !options.authorizeUrl ? new URL(startUrl) : httpUrl('authorizeUrl');
  if (!options.clientId && !startUrl) throw refuse('clientId', 'is required');
  const redirect = startUrl && !options.redirectUri ? undefined : httpUrl('redirectUri');
  // RFC 6749 section 3.1.2: the redirection endpoint URI must not include a fragment.
  if (redirect?.hash) throw refuse('redirectUri', 'must not contain a fragment');
  const responseMode = choice('responseMode');
  const instance = options.instance ? normalizeInstance(options.instance) : undefined;
  if (options.instance && !instance) {
    throw refuse('instance', `must be a server address like https://events.example; got "${options.instance}"`);
  }
  const params = new URLSearchParams(options.params ?? '');
  const reserved = findReservedParam(params.keys());
  if (reserved) throw refuse('params', reservedParamProblem(reserved));
  return {
    authorizeUrl,
    clientId: options.clientId ?? '',
    redirectUri: options.redirectUri ?? '',
    scope: words('scope').join(' '),
    exchangeUrl: options.exchangeUrl ? httpUrl('exchangeUrl', base).href : undefined,
    display: options.display ?? 'popup',
    pkce: choice('pkce'),
    params,
    responseMode,
    messageOrigins: origins('messageOrigins'),
    issuer: options.issuer || undefined,
    popupWidth: number('popupWidth', 500),
    popupHeight: number('popupHeight', 650),
    timeoutMs: number('timeout', 600, true),
    fallback: choice('fallback'),
    refusesWebviews: options.refusesWebviews,
    ...backendConfigOf(reader),
    provider: options.provider || undefined,
    startUrl,
    instance,
  };
}
