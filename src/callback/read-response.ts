import { RESPONSE_PARAM_NAMES, type CallbackParams } from '../core/callback-message.js';

/**
 * The authorization response in `location`: the query for `response_mode=query`, else the fragment
 * (RFC 6749 section 4.1.2, OAuth 2.0 Multiple Response Types section 5). Undefined when neither holds a state.
 */
export function readAuthorizationResponse(location: Location): CallbackParams | undefined {
  for (const part of [location.search, location.hash]) {
    const query = new URLSearchParams(part.slice(1));
    if (!query.has('state')) continue;
    const params: CallbackParams = {};
    for (const name of RESPONSE_PARAM_NAMES) {
      const value = query.get(name);
      if (value !== null) params[name] = value;
    }
    return params;
  }
  return undefined;
}

/** Takes the response out of the address bar and the history entry, so neither keeps the code. */
export function scrubLocation(win: Window): void {
  const { pathname } = win.location;
  win.history.replaceState(win.history.state, '', pathname);
}
