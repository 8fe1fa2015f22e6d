import { CALLBACK_MESSAGE_TYPE, CALLBACK_MESSAGE_VERSION, type CallbackMessage } from '../core/callback-message.js';
import { readAuthorizationResponse } from './read-response.js';
import { CHANNEL_PREFIX, PENDING_KEY_PREFIX, REDIRECT_RECORD_KEY, REDIRECT_RESPONSE_KEY } from './storage-keys.js';

/*
 * How `runCallback` ended when it handed the response on (undefined: it showed its message instead);
 * `handleCallback` names the outcomes (`CallbackOutcome`). Numbers, because this file is most of the
 * standalone script and the script never reads them.
 */
/** To the opener, or on the attempt's channel; the popup closed itself. */
export const HANDED = 1;
/** Kept for the page a full-page redirect started from, and the browser sent back there. */
export const REDIRECTED = 2;
export type RunOutcome = typeof HANDED | typeof REDIRECTED | undefined;

// An arrow function, as the standalone script is counted in bytes: 5 B gzip less than declarations.
/**
 * The callback page's whole job. Reads the authorization response and scrubs it from the address bar,
 * then hands it, with where it arrived, to the first that waits for it: the opener (on the page's own
 * origin and `allowedOrigins` only), an attempt of this origin whose popup lost its opener, or the
 * page a full-page redirect started from; an error without `state` to the opener only. Shows `text`
 * (in language `lang`) when nobody waits.
 */
export const runCallback = (
  win: Window,
  allowedOrigins?: readonly string[] | null,
  text = 'Nothing is waiting for this page. Start again.',
  lang?: string,
): RunOutcome => {
  const { location, opener, document, history } = win;
  const params = readAuthorizationResponse(location);
  if (params) {
    // Out of the address bar and the history entry at once, so neither keeps the code.
    history.replaceState(history.state, '', location.pathname);
    const message: CallbackMessage = {
      type: CALLBACK_MESSAGE_TYPE,
      v: CALLBACK_MESSAGE_VERSION,
      params,
      // Where the response arrived, for the attempt to compare with its own (RFC 9700 section 4.4.2).
      redirect_uri: location.origin + location.pathname,
    };
    // Storage, the way back without an opener, throws in privacy modes and sandboxed frames: nobody waits.
    try {
      if (opener) {
        // postMessage delivers only when the opener is on that exact origin, so a stranger opener gets
        // nothing. `*`, `null`, `/`, a path, upper case or another scheme would widen that or name nobody:
        // only bare http(s) origins, written exactly as the browser writes them, are used (one that parses
        // to itself and starts with "h": no other scheme whose name starts so has such an origin).
        for (const origin of new Set(allowedOrigins).add(location.origin)) {
          if (origin[0] === 'h' && URL.parse(origin)?.origin === origin) opener.postMessage(message, origin);
          else console.warn('oauth-connect: ignored allowed origin', origin);
        }
      } else if (params.state && win.localStorage[PENDING_KEY_PREFIX + params.state]) {
        // An attempt is pending, its popup severed from it by Cross-Origin-Opener-Policy: its own channel
        // (closed with the page). A response without `state` is the opener's alone: it names no channel.
        new BroadcastChannel(CHANNEL_PREFIX + params.state).postMessage(message);
      } else {
        // A full-page redirect (`fallback="redirect"`) is waiting: back to its page, with the response
        // kept for it (navigating is asynchronous: this page is still here to keep it).
        location.replace(JSON.parse(params.state && win.sessionStorage[REDIRECT_RECORD_KEY]).returnUrl);
        win.sessionStorage[REDIRECT_RESPONSE_KEY] = JSON.stringify(message);
        return REDIRECTED;
      }
      win.close();
      return HANDED;
    } catch {
      // No redirect record, or no state to hand back with (JSON.parse(undefined) throws), or no storage.
    }
  }
  const note = document.createElement('p');
  if (lang) note.lang = lang;
  note.append(text);
  // A script in the head runs before the body exists.
  if (document.body) document.body.append(note);
  else win.addEventListener('load', () => document.body.append(note));
};
