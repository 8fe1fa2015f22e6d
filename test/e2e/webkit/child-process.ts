import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();
const ended = new WeakMap<ChildProcess, Promise<void>>();
// A worker that dies without running its fixtures' teardown still takes its X server and driver with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `command` and remembers it, so that it ends with this process at the latest. `ended(child)` settles when it
 * exits, or when it could not be started at all (a missing program), with the reason.
 */
export function start(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  running.add(child);
  ended.set(
    child,
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    }).finally(() => running.delete(child)),
  );
  return child;
}

/** Resolves once `child` (started by `start`) has exited or failed to start. */
export function exited(child: ChildProcess): Promise<void> {
  return ended.get(child)!;
}

/** Ends `child` by its process id: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** What a child that failed to start said: its spawn error, or the last of its stderr. */
export function failureOf(child: ChildProcess, limit = 2000): () => string {
  let text = '';
  child.once('error', (error) => (text = `${error.message} (Debian: apt-get install webkit2gtk-driver xvfb)`));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (text = (text + chunk).slice(-limit)));
  return () => text.trim();
}
