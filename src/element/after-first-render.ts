import { prepareRequest, type PreparedRequest } from '../core/prepared-request.js';
import { readRedirect } from '../core/redirect-store.js';

/**
 * Work the elements of a page share instead of each doing it: a page of a thousand buttons makes one set
 * of values for the next attempt, and reads storage once for a returning redirect.
 */

/** The next attempt's values, for whichever element is clicked next; each set goes to one attempt only. */
let ready: PreparedRequest | undefined;
/** The values being made, until they are ready. */
let making: Promise<void> | undefined;

/** Makes fresh values for the next attempt; any made or being made before are discarded. */
export function prepareAgain(): Promise<void> {
  ready = undefined;
  const current: Promise<void> = (making = prepareRequest()
    .catch(() => undefined) // No Web Crypto here: the attempt says so when it starts.
    .then((values) => {
      if (making === current) {
        ready = values;
        making = undefined;
      }
    }));
  return current;
}

/** Makes values for the next attempt unless they are ready or being made. */
export function prepareSoon(): void {
  if (!ready && !making) void prepareAgain();
}

/** Settles once the values being made are ready; undefined when none are being made. */
export const preparing = (): Promise<void> | undefined => making;

/** The ready values, for one attempt: they are never handed out again, and the next are made at once. */
export function takePrepared(): PreparedRequest | undefined {
  const values = ready;
  if (values) void prepareAgain();
  return values;
}

/** The checks waiting for each window's load, or for the task after it loaded. */
const waiting = new Map<Window, (() => void)[]>();

/**
 * Calls `resume` after the page loaded and its own scripts ran, only when a full-page redirect attempt is
 * coming back (a record is stored): the common case costs one storage read for all elements together.
 */
export function whenRedirectReturns(win: Window, resume: () => void): void {
  let resumes = waiting.get(win);
  if (!resumes) {
    const batch: (() => void)[] = (resumes = []);
    waiting.set(win, batch);
    const check = () =>
      setTimeout(() => {
        waiting.delete(win);
        if (readRedirect(win)) for (const each of batch) each();
      });
    if (win.document.readyState === 'complete') check();
    else win.addEventListener('load', check, { once: true });
  }
  resumes.push(resume);
}
