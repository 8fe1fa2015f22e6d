/** One time limit over a whole request, ended early by the caller's own signal. */
export interface Deadline {
  /** Aborts when the time is up or the caller aborts. */
  signal: AbortSignal;
  readonly timedOut: boolean;
  dispose(): void;
}

export function startDeadline(timeoutMs: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no complete answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const follow = () => controller.abort(caller?.reason);
  // Without a caller's signal nothing is listened to: one shared never-aborting signal would gather a listener
  // per request in flight (and Node's warning of a possible leak past ten).
  caller?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', follow);
    },
  };
}

/** `work`, or a rejection with the signal's reason as soon as it aborts, whichever comes first. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * Reads a body to its end, counting bytes as they arrive. Past `maxBytes` it stops at once (leaving the
 * loop destroys the stream) and nothing more is read or kept.
 */
export async function readCappedBody(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error(`the answer is larger than ${maxBytes} bytes`);
    parts.push(chunk);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
