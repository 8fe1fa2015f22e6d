import { readRedirect } from '../core/redirect-store.js';

/**
 * Work every element does once it connects, kept off the first render's path and shared: a page of a
 * thousand buttons schedules one idle callback, one timer and one storage read, not a thousand of each.
 */

let idleSoon: Promise<void> | undefined;

/** Resolves when the browser is idle (soon, where it cannot say); every caller until then shares one wait. */
export function idle(): Promise<void> {
  return (idleSoon ??= new Promise((resolve) => {
    const done = () => {
      idleSoon = undefined;
      resolve();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(done, { timeout: 500 });
    else setTimeout(done, 50);
  }));
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
