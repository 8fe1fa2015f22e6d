export { createCodeVerifier, deriveCodeChallenge } from '../protocol/tokens.js';

/** Web Crypto's digest exists only in secure contexts (https, or http on loopback). */
export function canDeriveCodeChallenge(win: Window = window): boolean {
  return win.isSecureContext && typeof win.crypto?.subtle?.digest === 'function';
}
