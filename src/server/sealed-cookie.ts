/**
 * Values kept in the browser that only this server can read or forge: AES-GCM (authenticated
 * encryption) under a key derived from the app's secret, so any server instance sharing the
 * secret can open them.
 */
import { base64url } from '../core/random.js';

const encoder = new TextEncoder();
const IV_BYTES = 12;

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export type SealKey = Promise<CryptoKey>;

/** The secret must be long enough to resist guessing; 32 characters or more. */
export function sealKey(secret: string): SealKey {
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new TypeError('oauth-connect/server: "secret" must be a string of at least 32 characters');
  }
  return crypto.subtle
    .digest('SHA-256', encoder.encode(`oauth-connect cookie key\0${secret}`))
    .then((digest) => crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['encrypt', 'decrypt']));
}

/** `name` is bound in as associated data, so a value cannot be moved to another cookie. */
export async function seal(key: SealKey, name: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = encoder.encode(JSON.stringify(value));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(name) }, await key, data));
  const joined = new Uint8Array(IV_BYTES + sealed.length);
  joined.set(iv);
  joined.set(sealed, IV_BYTES);
  return base64url(joined);
}

/** The value, or undefined when it was not sealed by this secret under this name. */
export async function unseal<T>(key: SealKey, name: string, text: string): Promise<T | undefined> {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length <= IV_BYTES) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(name) },
      await key,
      bytes.subarray(IV_BYTES),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return undefined;
  }
}
