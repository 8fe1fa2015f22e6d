import { readCallbackMessage, readWebMessageResponse, type CallbackParams } from './callback-message.js';

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
 * The callback params of `event` when it passes every check, else undefined, so the caller ignores it.
 * Checks, in order: the exact origin is allowed; the sender is this attempt's popup (not another window
 * of an allowed origin); the message has the callback shape and version; its `state` is this attempt's
 * (RFC 6749 section 10.12: CSRF protection).
 */
export function acceptCallbackMessage(event: MessageEvent, expected: ExpectedSender): CallbackParams | undefined {
  if (!expected.origins.includes(event.origin)) return undefined;
  if (expected.source === null || event.source !== expected.source) return undefined;
  const params = readCallbackMessage(event.data) ?? (expected.webMessage ? readWebMessageResponse(event.data) : undefined);
  if (!params || params.state !== expected.state) return undefined;
  return params;
}
