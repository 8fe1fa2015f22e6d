import { readCallbackResponse, type CallbackParams, type CallbackResponse } from './callback-message.js';
import { messageOriginsOf, type MessageConfig } from './config.js';

export interface ExpectedSender {
  /**
   * Where a callback may come from: the exact origins of `messageOriginsOf`. With `response-mode="web_message"`
   * the provider's own `authorization_response` message is accepted too.
   */
  config: MessageConfig;
  /** The popup this attempt opened. */
  popup: Window | null;
  /** This attempt's `state`. */
  state: string;
}

/**
 * The response in `event` when it passes every check, else undefined, so the caller ignores it.
 * Checks, in order: the exact origin is allowed; the sender is this attempt's popup (not another window
 * of an allowed origin); the message has the callback shape and version; its `state` is this attempt's
 * (RFC 6749 section 10.12: CSRF protection), or it is an error without `state` or `code`, which only
 * this popup can have sent (league/oauth2-server 8 redirects its errors so). Where the response arrived
 * (`redirectUri`) is the caller's to compare with the attempt's redirect URI.
 */
export function acceptCallbackResponse(event: MessageEvent, expected: ExpectedSender): CallbackResponse | undefined {
  const { data, source } = event;
  const { config, state } = expected;
  const response = readCallbackResponse(data, config.responseMode === 'web_message', true);
  const fromPopup = messageOriginsOf(config).includes(event.origin) && source !== null && source === expected.popup;
  return fromPopup && (response?.params.state ?? state) === state ? response : undefined;
}

/** The params alone of an accepted response; see `acceptCallbackResponse`. */
export function acceptCallbackMessage(event: MessageEvent, expected: ExpectedSender): CallbackParams | undefined {
  return acceptCallbackResponse(event, expected)?.params;
}

/**
 * What the callback page needs to reach an attempt when `window.opener` is gone: a channel named after
 * the attempt's state, and a mark that such an attempt is pending, kept in
 * localStorage because a popup severed by Cross-Origin-Opener-Policy shares only the origin's storage.
 */
export const channelName = (state: string) => `oauth-connect:${state}`;

// Without storage (privacy modes and sandboxed frames throw on access, a full quota on writing) the widget
// works without the mark: only the broadcast path is lost, the popup path is not.
/** Marks an attempt of `state` as pending (`pending` false: removes the mark). */
export function markPending(win: Window, state: string, pending = true): void {
  const key = `oauth-connect:pending:${state}`;
  try {
    if (pending) win.localStorage.setItem(key, String(Date.now()));
    else win.localStorage.removeItem(key);
  } catch {
    // See above.
  }
}

export const clearPending = (win: Window, state: string) => markPending(win, state, false);

export function isPending(win: Window, state: string): boolean {
  try {
    return win.localStorage.getItem(`oauth-connect:pending:${state}`) != null;
  } catch {
    return false;
  }
}

/**
 * Listens for the one response of an attempt: a message from its popup, or, when the popup lost its
 * opener (Cross-Origin-Opener-Policy), a broadcast on the attempt's channel, announced by a pending mark
 * the callback page can see. `receive` gets each response that passed every check of
 * `acceptCallbackResponse`, or a broadcast naming this state; it gets nothing (undefined) when the page
 * goes away (navigation, tab closed), as the attempt cannot finish here then. Returns the function that
 * stops listening and removes the mark.
 */
export function listenForResponse(
  win: Window,
  expected: ExpectedSender,
  receive: (response?: CallbackResponse) => void,
): () => void {
  const { state } = expected;
  const channel = new BroadcastChannel(channelName(state));
  channel.onmessage = (event) => {
    // Only same-origin pages reach a channel; the state is what ties the broadcast to this attempt.
    const response = readCallbackResponse(event.data);
    if (response?.params.state === state) receive(response);
  };
  const onMessage = (event: MessageEvent) => {
    const response = acceptCallbackResponse(event, expected);
    if (response) receive(response);
  };
  const onPageHide = () => receive();
  win.addEventListener('message', onMessage);
  win.addEventListener('pagehide', onPageHide);
  markPending(win, state);
  return () => {
    win.removeEventListener('message', onMessage);
    win.removeEventListener('pagehide', onPageHide);
    channel.close();
    markPending(win, state, false);
  };
}
