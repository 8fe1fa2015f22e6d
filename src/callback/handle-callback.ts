import { CALLBACK_MESSAGE_TYPE, CALLBACK_MESSAGE_VERSION, type CallbackMessage } from '../core/callback-message.js';
import { readAuthorizationResponse, scrubLocation } from './read-response.js';

export interface CallbackOptions {
  /** Origins besides the page's own that may receive the response (the opener's, when it differs). */
  allowedOrigins?: readonly string[];
  /** Shown when there is nothing to hand back. */
  message?: string;
  window?: Window;
}

/** `posted`: handed to the opener; `no_opener`: nobody to hand it to; `no_response`: the URL held none. */
export type CallbackOutcome = 'posted' | 'no_opener' | 'no_response';

const NOTHING_PENDING = 'Nothing is waiting for this page. If you were connecting an account, start again from the page you came from.';

/**
 * Runs on the `redirect_uri` page: reads the authorization response, scrubs it from the address bar,
 * posts it to the opener on the allowed origins only (never `*`) and closes the popup.
 */
export function handleCallback(options: CallbackOptions = {}): CallbackOutcome {
  const win = options.window ?? window;
  const params = readAuthorizationResponse(win.location);
  if (params) scrubLocation(win);
  const opener = win.opener as Window | null;
  if (!params || !opener || opener === win) {
    showMessage(win.document, options.message ?? NOTHING_PENDING);
    return params ? 'no_opener' : 'no_response';
  }
  const message: CallbackMessage = { type: CALLBACK_MESSAGE_TYPE, v: CALLBACK_MESSAGE_VERSION, params };
  // postMessage delivers only when the opener is on that exact origin, so a stranger opener gets nothing.
  for (const origin of new Set([win.location.origin, ...(options.allowedOrigins ?? [])])) {
    opener.postMessage(message, origin);
  }
  win.close();
  return 'posted';
}

function showMessage(doc: Document, text: string): void {
  const write = () => {
    const paragraph = doc.createElement('p');
    paragraph.setAttribute('data-oauth-connect-callback', '');
    paragraph.textContent = text;
    doc.body.append(paragraph);
  };
  if (doc.body) write();
  else doc.addEventListener('DOMContentLoaded', write, { once: true });
}
