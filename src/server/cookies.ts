/** Cookie settings for the flow cookie; `secure` defaults to whether the request came over https. */
export interface CookieOptions {
  /** Prefix of the cookie names; one cookie per pending flow. Default `oauth_connect_`. */
  prefix?: string;
  path?: string;
  secure?: boolean;
}

/** The cookies of a request (RFC 6265 section 5.4), first value of each name. */
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

/** An `HttpOnly; SameSite=Lax` cookie: page scripts cannot read it, and cross-site POSTs do not carry it. */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number, request: Request, options: CookieOptions = {}): string {
  const secure = options.secure ?? new URL(request.url).protocol === 'https:';
  return [`${name}=${value}`, `Path=${options.path ?? '/'}`, `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}
