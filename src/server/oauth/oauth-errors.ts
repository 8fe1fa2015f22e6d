import * as oauth from 'oauth4webapi';
import { ServerError } from '../errors.js';
import { TokenEndpointError } from './token-set.js';

/** An OAuth error code as RFC 6749 section 5.2 allows it; anything else from a remote is not repeated. */
const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/**
 * What an endpoint's failure means for the browser: the provider's own `error` code when it sent a
 * well-formed one, and a message of ours. Nothing else the remote sent (description, body) is passed
 * on; it stays in `cause` for logs.
 */
export function endpointFailure(error: unknown, what: string): ServerError {
  if (error instanceof ServerError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const code = typeof error.error === 'string' && ERROR_CODE.test(error.error) ? error.error : 'invalid_response';
    return new TokenEndpointError(error.status, code, `${what} refused the request (${code}, HTTP ${error.status})`, {
      cause: error,
    });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new TokenEndpointError(
      error.status,
      'invalid_client',
      `${what} refused the client's credentials (HTTP ${error.status})`,
      { cause: error },
    );
  }
  if (error instanceof oauth.OperationProcessingError) {
    const idToken = [oauth.JWT_CLAIM_COMPARISON, oauth.JWT_TIMESTAMP_CHECK, oauth.KEY_SELECTION].includes(
      error.code ?? '',
    );
    const message = idToken
      ? `the ID Token from ${what} did not validate (${error.message})`
      : `${what} answered something that is not a valid response`;
    return new TokenEndpointError(0, idToken ? 'invalid_id_token' : 'invalid_response', message, { cause: error });
  }
  return new ServerError(502, 'temporarily_unavailable', `${what} could not be reached`, { cause: error });
}
