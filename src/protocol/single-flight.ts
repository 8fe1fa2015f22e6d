/** Calls for the same key while one is running share its promise (one provider call, one registration). */
export function singleFlight<Key, T>(task: (key: Key) => Promise<T>): (key: Key) => Promise<T> {
  const running = new Map<Key, Promise<T>>();
  return (key) => {
    let pending = running.get(key);
    if (!pending) {
      pending = task(key).finally(() => running.delete(key));
      running.set(key, pending);
    }
    return pending;
  };
}
