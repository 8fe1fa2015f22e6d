import { webStorage } from './web-storage.js';

/**
 * What the callback page needs to reach an attempt when `window.opener` is gone: a channel named after
 * the attempt's state, and a mark that such an attempt is pending, kept in
 * localStorage because a popup severed by Cross-Origin-Opener-Policy shares only the origin's storage.
 */
export const channelName = (state: string) => `oauth-connect:${state}`;

const pendingKey = (state: string) => `oauth-connect:pending:${state}`;

// Without storage the widget works without the mark: only the broadcast path is lost.
const storage = (win: Window) => webStorage(win, 'localStorage');

export function markPending(win: Window, state: string): void {
  try {
    storage(win)?.setItem(pendingKey(state), String(Date.now()));
  } catch {
    // Quota or privacy mode: the broadcast path is then unavailable, the popup path is not.
  }
}

export function clearPending(win: Window, state: string): void {
  storage(win)?.removeItem(pendingKey(state));
}

export function isPending(win: Window, state: string): boolean {
  return storage(win)?.getItem(pendingKey(state)) != null;
}
