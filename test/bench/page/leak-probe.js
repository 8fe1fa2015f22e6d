// Loaded before anything else on the leak page: counts what scripts leave behind. Every wrapper calls the
// original and changes nothing a script can observe; `benchLeaks.snapshot()` reports what is live.
(() => {
  const target = EventTarget.prototype;
  const addListener = target.addEventListener;
  const removeListener = target.removeEventListener;
  /** One entry per live registration: the target (weakly held), its type, and whether it captures. */
  const listeners = new Map();
  const keyOf = (type, listener, options) => {
    const capture = typeof options === 'boolean' ? options : Boolean(options && options.capture);
    return { capture, key: `${type}|${capture}` };
  };
  const registrations = new WeakMap(); // target -> Map(type|capture -> Map(listener -> token))

  target.addEventListener = function (type, listener, options) {
    addListener.call(this, type, listener, options);
    const signal = options && typeof options === 'object' ? options.signal : undefined;
    if (!listener || (signal && signal.aborted)) return;
    const { capture, key } = keyOf(type, listener, options);
    const byKey = registrations.get(this) ?? new Map();
    registrations.set(this, byKey);
    const byListener = byKey.get(key) ?? new Map();
    byKey.set(key, byListener);
    if (byListener.has(listener)) return; // the platform ignores a duplicate registration too
    const token = { ref: new WeakRef(this), type };
    byListener.set(listener, token);
    listeners.set(token, true);
    const forget = () => {
      if (byListener.get(listener) !== token) return;
      byListener.delete(listener);
      listeners.delete(token);
    };
    if (options && typeof options === 'object' && options.once)
      addListener.call(this, type, forget, { capture, once: true });
    if (signal) addListener.call(signal, 'abort', forget, { once: true });
  };
  target.removeEventListener = function (type, listener, options) {
    removeListener.call(this, type, listener, options);
    const { key } = keyOf(type, listener, options);
    const byListener = registrations.get(this)?.get(key);
    const token = byListener?.get(listener);
    if (!token) return;
    byListener.delete(listener);
    listeners.delete(token);
  };

  const timers = new Map(); // id -> 'timeout' | 'interval'
  const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = window;
  const { setInterval: realSetInterval, clearInterval: realClearInterval } = window;
  window.setTimeout = function (handler, delay, ...args) {
    const id = realSetTimeout.call(
      window,
      typeof handler === 'function'
        ? (...callArgs) => {
            timers.delete(id);
            handler.apply(this, callArgs);
          }
        : handler,
      delay,
      ...args,
    );
    timers.set(id, 'setTimeout');
    return id;
  };
  window.setInterval = function (handler, delay, ...args) {
    const id = realSetInterval.call(window, handler, delay, ...args);
    timers.set(id, 'setInterval');
    return id;
  };
  window.clearTimeout = (id) => {
    timers.delete(id);
    realClearTimeout.call(window, id);
  };
  window.clearInterval = (id) => {
    timers.delete(id);
    realClearInterval.call(window, id);
  };

  const channels = new Set();
  const RealChannel = window.BroadcastChannel;
  window.BroadcastChannel = class BroadcastChannel extends RealChannel {
    constructor(name) {
      super(name);
      channels.add(this);
    }
    close() {
      channels.delete(this);
      super.close();
    }
  };

  const popups = [];
  const realOpen = window.open;
  window.open = function (...args) {
    const popup = realOpen.apply(this, args);
    if (popup) popups.push(popup);
    return popup;
  };

  const describe = (object) => {
    if (object === window) return 'window';
    if (object === document) return 'document';
    if (object instanceof Element) return `<${object.localName}>`;
    if (object instanceof ShadowRoot) return `shadow root of <${object.host.localName}>`;
    return object.constructor?.name ?? 'EventTarget';
  };
  const count = (names) => names.reduce((counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }), {});

  window.benchLeaks = {
    /** Waits until the page is idle twice, so work scheduled after an attempt has run. */
    settle: () =>
      new Promise((resolve) =>
        requestIdleCallback(() => requestIdleCallback(resolve, { timeout: 1000 }), { timeout: 1000 }),
      ),
    /** What is live now. Listeners count only on targets still alive after a collection, and not on detached nodes. */
    snapshot() {
      if (typeof window.gc === 'function') window.gc();
      const live = [...listeners.keys()].filter(({ ref }) => {
        const object = ref.deref();
        return object && !(object instanceof Node && !object.isConnected && object !== document);
      });
      const keys = (storage) => Object.keys(storage).map((key) => key);
      return {
        collected: typeof window.gc === 'function',
        listeners: count(live.map(({ ref, type }) => `${describe(ref.deref())} "${type}"`)),
        timers: count([...timers.values()]),
        channels: count([...channels].map((channel) => `BroadcastChannel "${channel.name}"`)),
        storage: count([
          ...keys(sessionStorage).map((key) => `sessionStorage "${key}"`),
          ...keys(localStorage).map((key) => `localStorage "${key}"`),
        ]),
        popups: count(popups.filter((popup) => !popup.closed).map(() => 'open popup window')),
      };
    },
  };
})();
