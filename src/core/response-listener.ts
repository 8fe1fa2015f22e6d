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
  const { data } = event;
  const webMessage = expected.webMessage && readWebMessageResponse(data);
  const response = readCallbackResponse(data) ?? (webMessage ? { params: webMessage } : undefined);
  if (!response || response.params.state !== expected.state) return undefined;
  return response;
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

const pendingKey = (state: string) => `oauth-connect:pending:${state}`;

// Without storage (privacy modes and sandboxed frames throw on access, a full quota on writing) the widget
// works without the mark: only the broadcast path is lost, the popup path is not.
export function markPending(win: Window, state: string): void {
  try {
    win.localStorage.setItem(pendingKey(state), String(Date.now()));
  } catch {
    // See above.
  }
}

export function clearPending(win: Window, state: string): void {
  try {
    win.localStorage.removeItem(pendingKey(state));
  } catch {
    // See above.
  }
}

export function isPending(win: Window, state: string): boolean {
  try {
    return win.localStorage.getItem(pendingKey(state)) != null;
  } catch {
    return false;
  }
}

export interface ResponseListener {
  /** A response that passed every check of `acceptCallbackResponse`, or a broadcast naming this state. */
  onResponse(response: CallbackResponse): void;
  /** The page is going away (navigation, tab closed): the attempt cannot finish here. */
  onPageHide(): void;
}

/**
 * Listens for the one response of an attempt: a message from its popup, or, when the popup lost its
 * opener (Cross-Origin-Opener-Policy), a broadcast on the attempt's channel, announced by a pending mark
 * the callback page can see. Returns the function that stops listening and removes the mark.
 */
export function listenForResponse(win: Window, expected: ExpectedSender, listener: ResponseListener): () => void {
  const { state } = expected;
  const onMessage = (event: MessageEvent) => {
    const response = acceptCallbackResponse(event, expected);
    if (response) listener.onResponse(response);
  };
  const channel = new BroadcastChannel(channelName(state));
  channel.onmessage = (event) => {
    // Only same-origin pages reach a channel; the state is what ties the broadcast to this attempt.
    const response = readCallbackResponse(event.data);
    if (response?.params.state === state) listener.onResponse(response);
  };
  const onPageHide = () => listener.onPageHide();
  win.addEventListener('message', onMessage);
  win.addEventListener('pagehide', onPageHide);
  markPending(win, state);
  return () => {
    win.removeEventListener('message', onMessage);
    win.removeEventListener('pagehide', onPageHide);
    channel.close();
    clearPending(win, state);
  };
}
