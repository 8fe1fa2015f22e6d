import {
  readCallbackResponse,
  readWebMessageResponse,
  type CallbackParams,
  type CallbackResponse,
} from './callback-message.js';

export interface ExpectedSender {
  /** Exact origins a callback may come from. */
  origins: readonly string[];
  /** The popup this attempt opened. */
  source: Window | null;
  /** This attempt's `state`. */
  state: string;
  /** `response-mode="web_message"`: the provider's own `authorization_response` message is accepted too. */
  webMessage?: boolean;
}

/**
 * The response in `event` when it passes every check, else undefined, so the caller ignores it.
 * Checks, in order: the exact origin is allowed; the sender is this attempt's popup (not another window
 * of an allowed origin); the message has the callback shape and version; its `state` is this attempt's
 * (RFC 6749 section 10.12: CSRF protection). Where the response arrived (`redirectUri`) is the caller's
 * to compare with the attempt's redirect URI.
 */
export function acceptCallbackResponse(event: MessageEvent, expected: ExpectedSender): CallbackResponse | undefined {
  if (!expected.origins.includes(event.origin)) return undefined;
  if (expected.source === null || event.source !== expected.source) return undefined;
  const response = readCallbackResponse(event.data) ?? webMessageResponse(event.data, expected);
  if (!response || response.params.state !== expected.state) return undefined;
  return response;
}

/** The params alone of an accepted response; see `acceptCallbackResponse`. */
export function acceptCallbackMessage(event: MessageEvent, expected: ExpectedSender): CallbackParams | undefined {
  return acceptCallbackResponse(event, expected)?.params;
}

function webMessageResponse(data: unknown, expected: ExpectedSender): CallbackResponse | undefined {
  const params = expected.webMessage ? readWebMessageResponse(data) : undefined;
  return params && { params };
}
