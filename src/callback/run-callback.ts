import { CALLBACK_MESSAGE_TYPE, CALLBACK_MESSAGE_VERSION, type CallbackMessage } from '../core/callback-message.js';
import { readAuthorizationResponse } from './read-response.js';
import { CHANNEL_PREFIX, PENDING_KEY_PREFIX, REDIRECT_RECORD_KEY, REDIRECT_RESPONSE_KEY } from './storage-keys.js';

/*
 * How `runCallback` ended; `handleCallback` gives them their names (`CallbackOutcome`). Numbers, because
 * this file is most of the standalone script and the script never reads them.
 */
export const NO_RESPONSE = 0;
export const POSTED = 1;
export const BROADCAST = 2;
export const REDIRECTED = 3;
export const NO_OPENER = 4;
export type RunOutcome = typeof NO_RESPONSE | typeof POSTED | typeof BROADCAST | typeof REDIRECTED | typeof NO_OPENER;

/**
 * The callback page's whole job. Reads the authorization response and scrubs it from the address bar,
 * then hands it, with where it arrived, to the first that waits for it: the opener (on the page's own
 * origin and `allowedOrigins` only), an attempt of this origin whose popup lost its opener, or the
 * page a full-page redirect started from. Shows `text` (in language `lang`) when nobody waits.
 */
export function runCallback(
  win: Window,
  allowedOrigins?: readonly string[] | null,
  text = 'Nothing is waiting for this page. Start again.',
  lang?: string,
): RunOutcome {
  const { location, opener, document } = win;
  const params = readAuthorizationResponse(location);
  if (params) {
    // Out of the address bar and the history entry at once, so neither keeps the code.
    win.history.replaceState(win.history.state, '', location.pathname);
    const message: CallbackMessage = {
      type: CALLBACK_MESSAGE_TYPE,
      v: CALLBACK_MESSAGE_VERSION,
      params,
      // Where the response arrived, for the attempt to compare with its own (RFC 9700 section 4.4.2).
      redirect_uri: location.origin + location.pathname,
    };
    if (opener && opener !== win) {
      // postMessage delivers only when the opener is on that exact origin, so a stranger opener gets
      // nothing. `*`, `null`, `/`, a path, upper case or another scheme would widen that or name nobody:
      // only bare http(s) origins, written exactly as the browser writes them, are used.
      for (const origin of new Set([location.origin, ...(allowedOrigins ?? [])])) {
        if (/^https?:/.test(origin) && URL.parse(origin)?.origin === origin) opener.postMessage(message, origin);
        else console.warn('oauth-connect: ignored allowed origin', origin);
      }
      win.close();
      return POSTED;
    }
    // The same-origin ways back, through what the widget left in storage; privacy modes and sandboxed
    // frames refuse storage, and then nobody waits.
    try {
      // An attempt is pending, its popup severed from it by Cross-Origin-Opener-Policy: its own channel.
      if (PENDING_KEY_PREFIX + params.state in win.localStorage) {
        const channel = new BroadcastChannel(CHANNEL_PREFIX + params.state);
        channel.postMessage(message);
        channel.close();
        win.close();
        return BROADCAST;
      }
      // A full-page redirect (`fallback="redirect"`) is waiting: keep the response for its page, go back.
      const { returnUrl } = JSON.parse(win.sessionStorage[REDIRECT_RECORD_KEY]);
      win.sessionStorage[REDIRECT_RESPONSE_KEY] = JSON.stringify(message);
      location.replace(returnUrl);
      return REDIRECTED;
    } catch {
      // No redirect record (JSON.parse(undefined) throws), or no storage.
    }
  }
  const note = document.createElement('p');
  if (lang) note.lang = lang;
  note.append(text);
  // A script in the head runs before the body exists.
  if (document.body) document.body.append(note);
  else win.addEventListener('load', () => document.body.append(note));
  return params ? NO_OPENER : NO_RESPONSE;
}
