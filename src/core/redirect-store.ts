import {
  readCallbackResponse,
  type CallbackMessage,
  type CallbackParams,
  type CallbackResponse,
} from './callback-message.js';
import type { ResolvedConfig } from './config.js';

/** A full-page redirect attempt (`fallback="redirect"`), kept in sessionStorage while the tab is at the provider. */
export interface RedirectRecord {
  state: string;
  codeVerifier?: string;
  /** The OpenID Connect `nonce` the request carried. */
  nonce?: string;
  /** The page that started it, where the callback sends the browser back. */
  returnUrl: string;
  clientId: string;
  authorizeUrl: string;
  /** The redirect URI the provider was sent; in server-initiated mode it came from the backend. */
  redirectUri?: string;
  createdAt: number;
}

const RECORD_KEY = 'oauth-connect:redirect';
const RESPONSE_KEY = 'oauth-connect:redirect-response';

// sessionStorage throws on access where it is unavailable (privacy modes, sandboxed frames): nothing is kept.
// Null when nothing is (`JSON.parse(null)`).
function read<T>(win: Window, key: string): T | null | undefined {
  try {
    return JSON.parse(win.sessionStorage.getItem(key)!);
  } catch {
    return undefined;
  }
}

/** Keeps the attempt; false when sessionStorage is unavailable, and the redirect cannot be finished. */
export function saveRedirect(win: Window, record: RedirectRecord): boolean {
  try {
    win.sessionStorage.setItem(RECORD_KEY, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

export function readRedirect(win: Window): RedirectRecord | null | undefined {
  return read<RedirectRecord>(win, RECORD_KEY);
}

/** The callback page's half: keep its message (the response, and where it arrived) for the returning page. */
export function saveRedirectResponse(win: Window, message: CallbackMessage): void {
  win.sessionStorage.setItem(RESPONSE_KEY, JSON.stringify(message));
}

/**
 * The returning page's half: the record and response, taken (removed) at once so they are used once,
 * when the record belongs to `owner` (same client and authorize URL).
 */
export function takeRedirectResult(
  win: Window,
  owner: Pick<ResolvedConfig, 'clientId' | 'authorizeUrl'>,
): { record: RedirectRecord; response: CallbackResponse } | undefined {
  const record = readRedirect(win);
  const saved = read<CallbackParams>(win, RESPONSE_KEY);
  if (!record || !saved || record.clientId !== owner.clientId || record.authorizeUrl !== owner.authorizeUrl.href) {
    return undefined;
  }
  win.sessionStorage.removeItem(RECORD_KEY);
  win.sessionStorage.removeItem(RESPONSE_KEY);
  // A callback script older than the message format kept the bare params.
  return { record, response: readCallbackResponse(saved) ?? { params: saved } };
}
