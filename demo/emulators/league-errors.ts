import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-kit.js';

const INVALID_REQUEST =
  'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than ' +
  'once, or is otherwise malformed.';
const INVALID_GRANT =
  'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is ' +
  'invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued ' +
  'to another client.';

/** `htmlspecialchars` with ENT_QUOTES, which league applies to a scope it names in a hint. */
const htmlSpecialChars = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' })[char]!);

/** An error as league/oauth2-server 8.x (which Laravel Passport runs) answers it: JSON, or a redirect to the client. */
export class LeagueError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly status: number,
    readonly hint?: string,
    readonly redirectUri?: string,
  ) {
    super(message);
  }

  /** `error`, `error_description`, `hint` if any, and `message`: league's deprecated copy of the description. */
  get payload(): Record<string, string> {
    const payload: Record<string, string> = { error: this.error, error_description: this.message };
    if (this.hint !== undefined) payload.hint = this.hint;
    payload.message = this.message;
    return payload;
  }
}

export const invalidRequest = (parameter: string, hint?: string) =>
  new LeagueError('invalid_request', INVALID_REQUEST, 400, hint ?? `Check the \`${parameter}\` parameter`);

export const invalidClient = () => new LeagueError('invalid_client', 'Client authentication failed', 401);

export const invalidScope = (scope: string, redirectUri?: string) =>
  new LeagueError(
    'invalid_scope',
    'The requested scope is invalid, unknown, or malformed',
    400,
    `Check the \`${htmlSpecialChars(scope)}\` scope`,
    redirectUri,
  );

const ACCESS_DENIED = 'The resource owner or authorization server denied the request.';

export const accessDenied = (hint: string, redirectUri: string) =>
  new LeagueError('access_denied', ACCESS_DENIED, 401, hint, redirectUri);

export const invalidGrant = (hint: string) => new LeagueError('invalid_grant', INVALID_GRANT, 400, hint);

export const invalidRefreshToken = (hint: string) =>
  new LeagueError('invalid_request', 'The refresh token is invalid.', 401, hint);

export const unsupportedGrantType = () =>
  new LeagueError(
    'unsupported_grant_type',
    'The authorization grant type is not supported by the authorization server.',
    400,
    'Check that all required parameters have been provided',
  );

/** league's `makeRedirectUri`: the parameters that are set, after `?`, or after `&` when the URI has a query. */
export function makeRedirectUri(uri: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  return `${uri}${uri.includes('?') ? '&' : '?'}${query}`;
}

/** Answers `error` the way league's `generateHttpResponse` does. */
export function sendLeagueError(req: IncomingMessage, res: ServerResponse, error: LeagueError): void {
  if (error.redirectUri !== undefined) {
    const location = makeRedirectUri(error.redirectUri, error.payload);
    res.writeHead(302, { Location: location, 'Cache-Control': 'no-cache, private' });
    res.end();
    return;
  }
  const headers: Record<string, string> = {};
  // RFC 6749 section 5.2: a client that authenticated with the Authorization header is told the scheme to use.
  const authorization = req.headers.authorization;
  if (error.error === 'invalid_client' && authorization) {
    headers['WWW-Authenticate'] = `${authorization.startsWith('Bearer') ? 'Bearer' : 'Basic'} realm="OAuth"`;
  }
  sendJson(res, error.status, error.payload, headers);
}
