/**
 * Whether `origin` is a bare http(s) origin, serialised exactly as `new URL(x).origin`
 * (`https://app.example`, `http://127.0.0.1:8080`). Anything else (`*`, `null`, `/`, a path, another
 * scheme, upper case) would let `postMessage` hand the response to a page nobody named.
 */
export function isBareOrigin(origin: string): boolean {
  try {
    return /^https?:/.test(origin) && new URL(origin).origin === origin;
  } catch {
    return false;
  }
}
