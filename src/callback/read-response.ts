import { MAX_PARAM_LENGTH, RESPONSE_PARAM_NAMES, type CallbackParams } from '../core/callback-message.js';

/**
 * The authorization response in `location`: the query for `response_mode=query`, else the fragment
 * (RFC 6749 section 4.1.2, OAuth 2.0 Multiple Response Types section 5). Undefined when neither holds
 * exactly one `state`. A response that repeats a parameter (RFC 6749 section 3.1: "MUST NOT be
 * included more than once") or carries an oversized value becomes an `invalid_request` error.
 */
export function readAuthorizationResponse(location: Location): CallbackParams | undefined {
  for (const part of [location.search, location.hash]) {
    const query = new URLSearchParams(part.slice(1));
    const states = query.getAll('state');
    if (states.length === 0) continue;
    if (states.length > 1 || states[0].length > MAX_PARAM_LENGTH) return undefined;
    const params: CallbackParams = {};
    for (const name of RESPONSE_PARAM_NAMES) {
      const values = query.getAll(name);
      if (values.length > 1) return refused(states[0], `"${name}" is repeated`);
      if (values[0]?.length > MAX_PARAM_LENGTH) return refused(states[0], `"${name}" is too long`);
      if (values.length) params[name] = values[0];
    }
    return params;
  }
  return undefined;
}

function refused(state: string, description: string): CallbackParams {
  return { state, error: 'invalid_request', error_description: description };
}

/** Takes the response out of the address bar and the history entry, so neither keeps the code. */
export function scrubLocation(win: Window): void {
  win.history.replaceState(win.history.state, '', win.location.pathname);
}
