// Loaded first on the popup pages: records the click, what window.open was given, when the popup asked for the
// authorize URL (the provider page reports it), and when the contestant reported the end of the attempt.
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const probe = {
    clickAt: 0,
    opened: [],
    authorize: undefined,
    endedAt: 0,
    endKind: '',
    now,
    end(kind) {
      if (probe.endedAt) return;
      probe.endedAt = now();
      probe.endKind = kind;
    },
  };
  window.benchProbe = probe;
  // Capturing on window: runs before any listener of the page or of a shadow root.
  addEventListener('click', () => (probe.clickAt = now()), { capture: true });
  addEventListener('message', (event) => {
    if (event.data && event.data.benchAuthorize) probe.authorize = event.data.benchAuthorize;
  });
  const open = window.open;
  window.open = function (url, ...rest) {
    probe.opened.push(url === undefined || url === null || url === '' ? 'about:blank' : String(url));
    return open.call(this, url, ...rest);
  };
})();
