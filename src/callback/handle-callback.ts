import { readAuthorizationResponse } from './read-response.js';
import { HANDED, REDIRECTED, runCallback } from './run-callback.js';

export interface CallbackOptions {
  /**
   * Origins besides the page's own that may receive the response (the opener's, when it differs):
   * bare http(s) origins only; anything else (`*`, `null`, a path) is ignored with a console warning.
   */
  allowedOrigins?: readonly string[];
  /** Shown when there is nothing to hand back, as text; `''` shows nothing. */
  message?: string;
  /** The language of `message` (BCP 47), set as `lang` on the element that shows it. */
  lang?: string;
  window?: Window;
}

/**
 * `posted`: handed to the opener. `broadcast`: the opener was out of reach (COOP), handed over the
 * attempt's channel. `redirected`: handed to the page a full-page redirect started from.
 * `no_opener`: nobody to hand it to. `no_response`: the URL held none.
 */
export type CallbackOutcome = 'posted' | 'broadcast' | 'redirected' | 'no_opener' | 'no_response';

/**
 * Runs on the `redirect_uri` page: reads the authorization response, scrubs it from the address bar,
 * and hands it, with where it arrived, to the attempt that is waiting for it, on its own origin (or
 * the allowed ones) only, never `*`. A page opened with nothing pending shows a plain message and
 * posts nothing.
 */
export function handleCallback(options: CallbackOptions = {}): CallbackOutcome {
  const win = options.window ?? window;
  // Read before `runCallback` scrubs the address bar, to tell its outcomes apart as it does.
  const { opener } = win;
  const response = readAuthorizationResponse(win.location);
  const outcome = runCallback(win, options.allowedOrigins, options.message, options.lang);
  if (outcome === HANDED) return opener ? 'posted' : 'broadcast';
  if (outcome === REDIRECTED) return 'redirected';
  return response ? 'no_opener' : 'no_response';
}
