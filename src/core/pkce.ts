import { base64url, randomToken } from './random.js';

/** A fresh `code_verifier`: 43 characters of the unreserved set (RFC 7636 section 4.1). */
export function createCodeVerifier(): string {
  return randomToken(32);
}

/** `code_challenge` for the S256 method: BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 section 4.2). */
export async function deriveCodeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Web Crypto's digest exists only in secure contexts (https, or http on loopback). */
export function canDeriveCodeChallenge(win: Window = window): boolean {
  return win.isSecureContext && typeof win.crypto?.subtle?.digest === 'function';
}
