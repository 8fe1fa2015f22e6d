/** How the flow cookies are set. Every default is the safe one; loosen only what your deployment needs. */
export interface CookieOptions {
  /** Name prefix; default `oauth_connect_`, with `__Host-` (or `__Secure-` when `path` is set) in front when secure. */
  prefix?: string;
  /** Default `/`. A `__Host-` cookie must have `/` (RFC 6265bis section 4.1.3.2), so another path takes `__Secure-`. */
  path?: string;
  /** Default: secure unless the request came over plain http to a loopback host (development). */
  secure?: boolean;
  /** Default `Lax`. `None` is for apps embedded in cross-site iframes, and needs `secure`. */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** Adds `Partitioned` (CHIPS), for cross-site iframes. */
  partitioned?: boolean;
  /** Most flow cookies one browser keeps at once; the oldest is dropped first. Default 3. */
  maxFlows?: number;
}

/** The cookies of a request (RFC 6265 section 5.4), first value of each name, in the order sent. */
export function readCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    if (name && !cookies.has(name)) cookies.set(name, pair.slice(at + 1).trim());
  }
  return cookies;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The flow cookies' name prefix and attributes for this request. */
export class FlowCookies {
  readonly #options: CookieOptions;

  constructor(options: CookieOptions = {}) {
    if (options.sameSite === 'None' && options.secure === false)
      throw new TypeError('oauth-connect/server: cookie "sameSite: None" needs "secure"');
    this.#options = options;
  }

  #secure(request: Request): boolean {
    if (this.#options.secure !== undefined) return this.#options.secure;
    const url = new URL(request.url);
    return url.protocol === 'https:' || !isLoopback(url.hostname);
  }

  prefix(request: Request): string {
    const base = this.#options.prefix ?? 'oauth_connect_';
    if (!this.#secure(request)) return base;
    return this.#options.path && this.#options.path !== '/' ? `__Secure-${base}` : `__Host-${base}`;
  }

  name(request: Request, state: string): string {
    return `${this.prefix(request)}${state.slice(0, 16)}`;
  }

  /** `HttpOnly`: page scripts cannot read it; `SameSite=Lax`: cross-site POSTs do not carry it. */
  serialize(request: Request, name: string, value: string, maxAgeSeconds: number): string {
    const options = this.#options;
    const attributes = [
      `${name}=${value}`,
      `Path=${options.path ?? '/'}`,
      `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
      'HttpOnly',
    ];
    attributes.push(`SameSite=${options.sameSite ?? 'Lax'}`);
    if (this.#secure(request)) attributes.push('Secure');
    if (options.partitioned) attributes.push('Partitioned');
    return attributes.join('; ');
  }

  /**
   * Set-Cookie values that drop this browser's oldest flow cookies, so that with one more it keeps at
   * most `maxFlows`. Browsers send older cookies first (RFC 6265 section 5.4, step 2).
   */
  evictions(request: Request): string[] {
    const prefix = this.prefix(request);
    const names = [...readCookies(request).keys()].filter((name) => name.startsWith(prefix));
    const excess = names.length - ((this.#options.maxFlows ?? 3) - 1);
    return names.slice(0, Math.max(0, excess)).map((name) => this.serialize(request, name, '', 0));
  }
}
