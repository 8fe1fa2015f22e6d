import { MAX_PARAM_LENGTH, RESPONSE_PARAM_NAMES, type CallbackParams } from '../core/callback-message.js';

/**
 * The authorization response in `location`: the query for `response_mode=query`, else the fragment
 * (RFC 6749 section 4.1.2, OAuth 2.0 Multiple Response Types section 5), whichever holds a `state`;
 * undefined when neither does, or that `state` is repeated or oversized. A response that repeats
 * another parameter (RFC 6749 section 3.1: "MUST NOT be included more than once") or carries an
 * oversized value becomes an `invalid_request` error naming the first such parameter.
 */
export function readAuthorizationResponse(location: Location): CallbackParams | undefined {
  for (const part of [location.search, location.hash]) {
    const query = new URLSearchParams(part.slice(1));
    const params: CallbackParams = {};
    let refusal: string | undefined;
    for (const name of RESPONSE_PARAM_NAMES) {
      for (const value of query.getAll(name)) {
        if (name in params || value.length > MAX_PARAM_LENGTH) {
          // A refusal is addressed by its state: without a single, sane one, nobody is told anything.
          if (name === 'state') return undefined;
          refusal ??= `"${name}" is ${name in params ? 'repeated' : 'too long'}`;
        }
        params[name] = value;
      }
    }
    const { state } = params;
    if (state != null) return refusal ? { state, error: 'invalid_request', error_description: refusal } : params;
  }
  return undefined;
}
