/** The window's storage, or undefined where it is unavailable (privacy modes, sandboxed frames throw on access). */
export function webStorage(win: Window, kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return win[kind];
  } catch {
    return undefined;
  }
}
