import { readCallbackResponse, type CallbackResponse } from './callback-message.js';
import { acceptCallbackResponse, type ExpectedSender } from './message-guard.js';
import { channelName, clearPending, markPending } from './pending-attempts.js';

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
