import { randomToken } from './tokens.js';

/**
 * The parameters the authorization request sets itself (RFC 6749 section 4.1.1, RFC 7636 section
 * 4.3). Extra parameters may not set them: a configuration that tries is refused, never overwritten.
 */
export const RESERVED_PARAMS: readonly string[] = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
];

/** The first reserved name among `names`; undefined when there is none. */
export function findReservedParam(names: Iterable<string>): string | undefined {
  for (const name of names) if (RESERVED_PARAMS.includes(name)) return name;
  return undefined;
}

/** What is wrong with extra parameters that name `parameter`, a reserved one. */
export const reservedParamProblem = (parameter: string) =>
  `may not set "${parameter}": the authorization request sets it itself`;

/** Extra parameters named a reserved one; `parameter` is its name. */
export class ReservedParameterError extends Error {
  constructor(readonly parameter: string) {
    super(`"params" ${reservedParamProblem(parameter)}`);
    this.name = 'ReservedParameterError';
  }
}

/**
 * The `nonce` of an OpenID Connect request (OpenID Connect Core 1.0 section 3.1.2.1): with `openid`
 * in `scope`, the one the extra parameters set, else a fresh one. Without `openid`, undefined.
 */
export function openIdNonce(
  scope: string | undefined,
  given: string | null | undefined,
  fresh: () => string = randomToken,
): string | undefined {
  if (!(scope ?? '').split(' ').includes('openid')) return undefined;
  return given ?? fresh();
}

export interface AuthorizationRequest {
  /** The provider's authorization endpoint; query parameters already on it are kept. */
  authorizationEndpoint: string | URL;
  clientId: string;
  redirectUri: string;
  /** Left out when empty. */
  scope?: string;
  state: string;
  /** OpenID Connect `nonce`; see `openIdNonce`. */
  nonce?: string;
  /** Left out when empty. */
  display?: string;
  /** Left out when `query`, the default of the `code` response type. */
  responseMode?: string;
  /** The S256 challenge; absent when PKCE is off. */
  codeChallenge?: string;
  /** Extra parameters (`prompt`, `audience`, …); none may be reserved. */
  params?: Iterable<readonly [string, string]>;
}

/** The values that change with every attempt; the rest comes from configuration. */
export type AuthorizeRequest = Pick<AuthorizationRequest, 'state' | 'codeChallenge' | 'nonce'>;

/**
 * The authorization request URL (RFC 6749 section 4.1.1, PKCE per RFC 7636 section 4.3). Throws
 * a ReservedParameterError when `params` names a parameter the request sets itself.
 */
export function buildAuthorizationUrl(request: AuthorizationRequest): string {
  const params = [...(request.params ?? [])];
  const reserved = findReservedParam(params.map(([name]) => name));
  if (reserved) throw new ReservedParameterError(reserved);
  return checkedAuthorizationUrl(request.authorizationEndpoint, { ...request, params });
}

/**
 * `buildAuthorizationUrl` at `endpoint` for a request whose `params` were checked already (see
 * `findReservedParam`).
 */
export function checkedAuthorizationUrl(
  endpoint: string | URL,
  request: Omit<AuthorizationRequest, 'authorizationEndpoint'>,
): string {
  const url = new URL(endpoint);
  const { scope, nonce, display, responseMode, codeChallenge } = request;
  // Set in this order; empty optional values, and the default `query` response mode, are left out.
  const parameters = [
    ...(request.params ?? []),
    ['response_type', 'code'],
    ['client_id', request.clientId],
    ['redirect_uri', request.redirectUri],
    ['scope', scope || undefined],
    ['state', request.state],
    ['nonce', nonce || undefined],
    ['display', display || undefined],
    ['response_mode', responseMode === 'query' ? undefined : responseMode || undefined],
    ['code_challenge', codeChallenge || undefined],
    ['code_challenge_method', codeChallenge ? 'S256' : undefined],
  ] as const;
  for (const [name, value] of parameters) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}
