import type { Attempt, CompletionContext } from './attempt.js';
import { listenForResponse, type ExpectedSender } from './response-listener.js';

/**
 * Waits for the response to the attempt whose popup shows the provider: listens for it (see
 * `listenForResponse`), watches the popup, and gives up after the configured timeout. After a popup close
 * it listens on until then (see `Attempt.finish`); leaving the page stops it at once.
 */
export function awaitPopupResponse(attempt: Attempt, context: CompletionContext & ExpectedSender): void {
  const stopListening = listenForResponse(context.env.window, context, (response) =>
    response ? attempt.receive(response, context) : attempt.abort(),
  );
  attempt.onRelease(stopListening);
  watchAttemptPopup(attempt);
  attempt.timeOutAfter(context.config.timeoutMs);
}

/** How often a pending attempt looks at its popup. */
const POPUP_POLL_MS = 100;
/**
 * Looks after a popup we saw on the provider's page read closed, 100 ms apart, during which a response
 * already on its way may still arrive.
 */
const CLOSED_GRACE_LOOKS = 3;
/**
 * Consecutive looks that must find the popup alive on a page before its closing counts as the user's.
 * During a COOP swap Chromium shows the new page as cross-origin and open for a moment before it
 * reads closed: a few milliseconds when idle, over 100 ms on a loaded machine. Half a second of looks
 * cannot fall in that moment, and a person takes longer than that to see a page and close it.
 */
const LOOKS_TO_BE_SURE = 5;

function isPastBlankPage(popup: Window): boolean {
  try {
    const href = popup.location?.href; // null once the window is gone
    return href !== undefined && href !== 'about:blank';
  } catch {
    // Unreadable: another origin's page is showing, unless the window went away between the two reads.
    return !popup.closed;
  }
}

/**
 * Polls the attempt's popup until the attempt stops listening. Never seen alive on a page (the provider's,
 * or any but a blank one), a popup that reads closed was severed: that is what a provider sending
 * `Cross-Origin-Opener-Policy` looks like from the opener (its first response moves the popup out of reach
 * while it is still open, and `popup.closed` reads true from then on). The attempt then stays pending (the
 * broadcast, Cancel or the timeout ends it). Seen alive, the user most likely closed it: the attempt ends
 * as cancelled once a response already on its way had time to arrive (the callback posts its message, then
 * closes itself), yet listens on (see `Attempt.finish`), as a provider that sends that header only on a
 * later page reads closed just so.
 */
function watchAttemptPopup(attempt: Attempt): void {
  const popup = attempt.popup!;
  let looksAlive = 0;
  let looksClosed = 0;
  const timer = setInterval(() => {
    if (!popup.closed) {
      if (looksAlive < LOOKS_TO_BE_SURE) looksAlive = isPastBlankPage(popup) ? looksAlive + 1 : 0;
    } else if (looksAlive < LOOKS_TO_BE_SURE) {
      clearInterval(timer);
      attempt.callHook('onPhase', 'detached');
    } else if (++looksClosed > CLOSED_GRACE_LOOKS) {
      clearInterval(timer);
      attempt.finish({ kind: 'cancel', reason: 'popup_closed' }, true);
    }
  }, POPUP_POLL_MS);
  attempt.onRelease(() => clearInterval(timer));
}
