import type { Attempt } from './attempt.js';

/** How often a pending attempt looks at its popup. */
export const POPUP_POLL_MS = 100;
/** After a popup we saw on the provider's page is closed, how long a response already on its way may still arrive. */
export const CLOSED_GRACE_MS = 300;
/**
 * Consecutive looks that must find the popup alive on a page before its closing counts as the user's.
 * During a COOP swap Chromium shows the new page as cross-origin and open for a moment before it
 * reads closed: a few milliseconds when idle, over 100 ms on a loaded machine. Half a second of looks
 * cannot fall in that moment, and a person takes longer than that to see a page and close it.
 */
const LOOKS_TO_BE_SURE = 5;

/**
 * `closed`: the user closed a popup we had seen alive on a page (the provider's, or any but a blank one).
 * `severed`: the popup reported closed without ever being seen alive past a blank page. That is what
 * a provider sending `Cross-Origin-Opener-Policy` looks like from the opener: its first response moves
 * the popup out of reach while it is still open, and `popup.closed` reads true from then on.
 */
export type PopupClosure = 'closed' | 'severed';

function isPastBlankPage(popup: Window): boolean {
  try {
    const href = popup.location?.href; // null once the window is gone
    return href !== undefined && href !== 'about:blank';
  } catch {
    // Unreadable: another origin's page is showing, unless the window went away between the two reads.
    return !popup.closed;
  }
}

/** Polls `popup` and reports once how it went away. Returns the function that stops watching. */
export function watchPopup(popup: Window, onGone: (closure: PopupClosure) => void): () => void {
  let looksAlive = 0;
  const timer = setInterval(() => {
    if (!popup.closed) {
      if (looksAlive < LOOKS_TO_BE_SURE) looksAlive = isPastBlankPage(popup) ? looksAlive + 1 : 0;
      return;
    }
    clearInterval(timer);
    onGone(looksAlive >= LOOKS_TO_BE_SURE ? 'closed' : 'severed');
  }, POPUP_POLL_MS);
  return () => clearInterval(timer);
}

/**
 * Watches the attempt's popup: closed by the user, the attempt ends as cancelled once a response already
 * on its way had time to arrive; severed, it stays pending (the broadcast, Cancel or the timeout ends it).
 */
export function watchAttemptPopup(attempt: Attempt): void {
  const stop = watchPopup(attempt.popup!, (closure) => {
    if (attempt.phase !== 'authorizing') return;
    if (closure === 'severed') {
      attempt.callHook('onPhase', 'detached');
      return;
    }
    // The callback posts its message and then closes itself: give that message time to arrive.
    const timer = setTimeout(() => attempt.finish({ kind: 'cancel', reason: 'popup_closed' }), CLOSED_GRACE_MS);
    attempt.onRelease(() => clearTimeout(timer));
  });
  attempt.onRelease(stop);
}
