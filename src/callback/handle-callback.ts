import { CALLBACK_MESSAGE_TYPE, CALLBACK_MESSAGE_VERSION, type CallbackMessage } from '../core/callback-message.js';
import { channelName, isPending } from '../core/pending-attempts.js';
import { readRedirect, saveRedirectResponse } from '../core/redirect-store.js';
import { isBareOrigin } from './allowed-origins.js';
import { readAuthorizationResponse, scrubLocation } from './read-response.js';

export interface CallbackOptions {
  /**
   * Origins besides the page's own that may receive the response (the opener's, when it differs):
   * bare http(s) origins only; anything else (`*`, `null`, a path) is ignored with a console warning.
   */
  allowedOrigins?: readonly string[];
  /** Shown when there is nothing to hand back. */
  message?: string;
  window?: Window;
}

/**
 * `posted`: handed to the opener. `broadcast`: the opener was out of reach (COOP), handed over the
 * attempt's channel. `redirected`: handed to the page a full-page redirect started from.
 * `no_opener`: nobody to hand it to. `no_response`: the URL held none.
 */
export type CallbackOutcome = 'posted' | 'broadcast' | 'redirected' | 'no_opener' | 'no_response';

const NOTHING_PENDING = 'Nothing is waiting for this page. Start again from the page you came from.';

/**
 * Runs on the `redirect_uri` page: reads the authorization response, scrubs it from the address bar,
 * and hands it, with where it arrived, to the attempt that is waiting for it, on its own origin (or
 * the allowed ones) only, never `*`. A page opened with nothing pending shows a plain message and
 * posts nothing.
 */
export function handleCallback(options: CallbackOptions = {}): CallbackOutcome {
  const win = options.window ?? window;
  const { location } = win;
  const params = readAuthorizationResponse(location);
  if (params) scrubLocation(win);
  const opener = win.opener as Window | null;
  if (params) {
    const message: CallbackMessage = {
      type: CALLBACK_MESSAGE_TYPE,
      v: CALLBACK_MESSAGE_VERSION,
      params,
      // Where the response arrived, for the attempt to compare with its own (RFC 9700 section 4.4.2).
      redirect_uri: location.origin + location.pathname,
    };
    if (opener && opener !== win) {
      // postMessage delivers only when the opener is on that exact origin, so a stranger opener gets
      // nothing; `*`, `null` or a path would widen that, so they are never used.
      for (const origin of new Set([location.origin, ...(options.allowedOrigins ?? [])])) {
        if (isBareOrigin(origin)) opener.postMessage(message, origin);
        else console.warn('oauth-connect: ignored allowed origin', origin);
      }
      win.close();
      return 'posted';
    }
    if (isPending(win, params.state!)) {
      const channel = new BroadcastChannel(channelName(params.state!));
      channel.postMessage(message);
      channel.close();
      win.close();
      return 'broadcast';
    }
    const redirect = readRedirect(win);
    if (redirect) {
      saveRedirectResponse(win, message);
      location.replace(redirect.returnUrl);
      return 'redirected';
    }
  }
  showMessage(win.document, options.message ?? NOTHING_PENDING);
  return params ? 'no_opener' : 'no_response';
}

function showMessage(doc: Document, text: string): void {
  const write = () => {
    const paragraph = doc.createElement('p');
    paragraph.textContent = text;
    doc.body.append(paragraph);
  };
  if (doc.body) write();
  else doc.addEventListener('DOMContentLoaded', write);
}
