// The protocol's unguessable values, `state`, `nonce` and the PKCE verifier (RFC 7636), and the
// base64url encoding they travel in. The server passes faster generators and hashes as arguments;
// the rules stay here.

/** base64url without padding (RFC 4648 section 5). */
export function encodeBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether `text` is of the base64url alphabet only (RFC 4648 section 5, no padding). */
export const isBase64url = (text: string): boolean => /^[A-Za-z0-9_-]*$/.test(text);

/** base64url text (RFC 4648 section 5, without padding) back to bytes; undefined for anything else. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!isBase64url(text)) return undefined;
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** `length` bytes from the platform's cryptographically strong generator (Web Crypto). */
export const webRandomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

/**
 * An unguessable token for `state`, `nonce` and the PKCE verifier: 32 bytes give 43 base64url
 * characters and 256 bits of entropy (RFC 6749 section 10.10, RFC 7636 section 7.1).
 */
export function randomToken(byteLength = 32, randomBytes = webRandomBytes): string {
  return encodeBase64url(randomBytes(byteLength));
}

/** SHA-256 of a string's UTF-8 bytes; the server passes its faster one. */
export type Sha256 = (text: string) => Promise<Uint8Array>;

const webSha256: Sha256 = async (text) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** A fresh `code_verifier`: 43 characters of the unreserved set (RFC 7636 section 4.1). */
export const createCodeVerifier = (): string => randomToken();

/** `code_challenge` for the S256 method: BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 section 4.2). */
export async function deriveCodeChallenge(verifier: string, sha256: Sha256 = webSha256): Promise<string> {
  return encodeBase64url(await sha256(verifier));
}
