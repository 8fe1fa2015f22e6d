/** The test's side of an app process: fork it under tsx, wait until it listens, talk to it over HTTP, stop it. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { appArgs, secretVariable, type AppConfig, type AppStats, type ListeningMessage } from './app-config.js';

export interface AppProcess {
  /** `A`, `B`, ... for messages. */
  name: string;
  origin: string;
  pid: number;
  /** POSTs `body` as JSON to `path` with the extra `headers`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  stats(): Promise<AppStats>;
  /** Why and how it exited, once it has; undefined while it runs. */
  exitReason(): string | undefined;
  /** Its last output on stderr (the `onError` log lines). */
  stderr(): string;
  /** Disconnects (it exits on its own) and waits for the exit; SIGKILLs it if it has not exited after 5 s. */
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./app-process.ts', import.meta.url));
const keptOutput = 16_000;
const stopGraceMs = 5000;

export async function startAppProcess(name: string, config: AppConfig, secret: string): Promise<AppProcess> {
  const child = fork(script, appArgs(config), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [secretVariable]: secret },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-keptOutput)));
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `app process ${name} (pid ${child.pid}) exited with code ${code}, signal ${signal}`;
      resolve();
    });
  });
  const listening = await new Promise<ListeningMessage>((resolve, reject) => {
    child.once('message', (message: ListeningMessage) => resolve(message));
    child.once('error', reject);
    void exited.then(() => reject(new Error(`${exitReason} before it listened:\n${stderr}`)));
  });
  const origin = `http://127.0.0.1:${listening.port}`;
  return {
    name,
    origin,
    pid: listening.pid,
    post: (path, body, headers = {}) =>
      fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    async stats() {
      const response = await fetch(`${origin}/stats`);
      if (!response.ok) throw new Error(`app process ${name}: /stats answered HTTP ${response.status}`);
      return (await response.json()) as AppStats;
    },
    exitReason: () => exitReason,
    stderr: () => stderr,
    async stop() {
      if (exitReason) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
