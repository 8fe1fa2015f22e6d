// Which URLs the protocol accepts: http(s) ones, and the origins of instances.

/** `text` as a URL (resolved against `base`), or undefined when it is not one. */
export function parseUrl(text: string, base?: string | URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** Whether a URL is one a browser navigates to and a server fetches: `http:` or `https:` (RFC 9110 section 4.2). */
export function isHttpUrl(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/** `text` as an http(s) URL, or undefined when it is not a URL or has another scheme. */
export function parseHttpUrl(text: string, base?: string | URL): URL | undefined {
  const url = parseUrl(text, base);
  return /^https?:$/.test(url?.protocol as string) ? url : undefined;
}

/**
 * The origin (RFC 6454 section 4) of a server that runs as one of many instances: an http(s) URL
 * with nothing but scheme, host and port, and no whitespace. Undefined for anything else. This is
 * the one rule: the start handler applies it to the `instance` it receives, the element to what a
 * user typed, after `normalizeInstance` has supplied the scheme.
 */
export function instanceOrigin(value: string): string | undefined {
  const text = value.trim();
  if (!text || /\s/.test(text)) return undefined;
  const url = parseHttpUrl(text);
  if (!url || url.username || url.password || url.search || url.hash || url.pathname !== '/') return undefined;
  return url.origin;
}

/**
 * The origin of an instance address as a user types it: `events.example` means
 * `https://events.example`; the rest is `instanceOrigin`.
 */
export function normalizeInstance(typed: string): string | undefined {
  const text = typed.trim();
  // Given a URL scheme and `//` (RFC 3986 section 3), the address is taken as written.
  return instanceOrigin(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
}
