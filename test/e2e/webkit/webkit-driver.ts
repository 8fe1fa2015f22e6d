import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../../demo/demo-server.js';
import { exited, failureOf, start, stop } from './child-process.js';

export interface RunningDriver {
  /** The W3C WebDriver endpoint, on 127.0.0.1. */
  url: string;
  stop(): Promise<void>;
}

const STARTUP_MS = 10_000;

/**
 * Starts WebKitGTK's WebDriver server (Debian's `webkit2gtk-driver`) on a free port of 127.0.0.1, drawing on
 * `display`, and resolves once its `/status` says it is ready for a session.
 */
export async function startWebKitDriver(display: string): Promise<RunningDriver> {
  // Another process may take the free port before the driver binds it: the driver then exits, and we try again.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = start('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
      env: { ...process.env, DISPLAY: display },
      // WEBKIT_DRIVER_LOG=1 shows what the driver and the browser print, to debug a session.
      stdio: ['ignore', 'ignore', process.env.WEBKIT_DRIVER_LOG ? 'inherit' : 'pipe'],
    });
    const failure = failureOf(child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await ready(child, url);
      return { url, stop: () => stop(child) };
    } catch (error) {
      await stop(child);
      if (attempt === 3) throw new Error(`WebKitWebDriver did not start: ${failure()}`, { cause: error });
    }
  }
}

/** Polls `GET /status` (W3C WebDriver section 8.3) until `ready`, while the driver is alive. */
async function ready(child: ChildProcess, url: string): Promise<void> {
  let gone = false;
  void exited(child).then(() => (gone = true));
  const deadline = Date.now() + STARTUP_MS;
  while (!gone && Date.now() < deadline) {
    const status = await fetch(`${url}/status`)
      .then((response) => response.json() as Promise<{ value?: { ready?: boolean } }>)
      .catch(() => null);
    if (status?.value?.ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(gone ? 'the driver exited' : `no ready status within ${STARTUP_MS} ms`);
}
