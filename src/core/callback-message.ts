/** The message the callback page posts to its opener, or on the attempt's channel when the opener is gone. */
export const CALLBACK_MESSAGE_TYPE = 'oauth-connect:callback';
export const CALLBACK_MESSAGE_VERSION = 1;

/** The authorization response parameters a callback carries (RFC 6749 sections 4.1.2 and 4.1.2.1, RFC 9207). */
export const RESPONSE_PARAM_NAMES = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'] as const;
export type ResponseParamName = (typeof RESPONSE_PARAM_NAMES)[number];
export type CallbackParams = Partial<Record<ResponseParamName, string>>;

export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE_TYPE;
  v: typeof CALLBACK_MESSAGE_VERSION;
  params: CallbackParams;
  /**
   * Where the response arrived: the callback page's origin and path, never its query or fragment
   * (RFC 9700 section 4.4.2). Absent from callbacks older than this key.
   */
  redirect_uri?: string;
}

/** A callback message as the widget reads it: the response, and where it arrived when the callback said. */
export interface CallbackResponse {
  params: CallbackParams;
  redirectUri?: string;
}

/** Longest value accepted for any response parameter; real codes and states are far shorter. */
export const MAX_PARAM_LENGTH = 4096;

/** A string no longer than `MAX_PARAM_LENGTH`. */
const isParamValue = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_PARAM_LENGTH;

/**
 * `data` when it is a well-formed callback message: right type and version, params with only known
 * keys and string values, a `state`, and either a `code` or an `error`; a `redirect_uri`, when
 * present, a string. With `webMessage`, a provider's own `web_message` response too:
 * `{ type: 'authorization_response', response }` (OAuth 2.0 Web Message Response Mode,
 * draft-meyerzuselha-oauth-web-message-response-mode section 4), held to the same shape rules.
 * With `stateless`, an `error` with neither `state` nor `code` too: only a message from the attempt's own
 * popup may be read so (league/oauth2-server 8 leaves `state` out of its error redirects), never a
 * broadcast or a stored response, which only the state ties to an attempt. Anything else: undefined.
 */
export function readCallbackResponse(
  data: unknown,
  webMessage?: boolean,
  stateless?: boolean,
): CallbackResponse | undefined {
  const {
    type,
    v,
    params,
    redirect_uri: redirectUri,
    response,
  } = Object(data) as Partial<CallbackMessage> & {
    response?: unknown;
  };
  if (webMessage && (type as string) === 'authorization_response') {
    const read = readResponseParams(response, stateless);
    return read && { params: read };
  }
  const read =
    type === CALLBACK_MESSAGE_TYPE && v === CALLBACK_MESSAGE_VERSION && readResponseParams(params, stateless);
  return read && (redirectUri === undefined || isParamValue(redirectUri)) ? { params: read, redirectUri } : undefined;
}

/** The params of a well-formed callback message (see `readCallbackResponse`), else undefined. */
export function readCallbackMessage(data: unknown): CallbackParams | undefined {
  return readCallbackResponse(data)?.params;
}

// Messages are structured clones or JSON: no functions, so any object's own entries are all it holds.
function readResponseParams(params: unknown, stateless?: boolean): CallbackParams | undefined {
  const entries = Object.entries(Object(params));
  const read: CallbackParams = Object.fromEntries(entries);
  const wellFormed = entries.every(
    ([name, value]) => (RESPONSE_PARAM_NAMES as readonly string[]).includes(name) && isParamValue(value),
  );
  const answers = read.state
    ? read.code || read.error
    : stateless && read.error && !('state' in read || 'code' in read);
  return wellFormed && answers ? read : undefined;
}
