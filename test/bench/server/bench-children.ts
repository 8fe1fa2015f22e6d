/** The bench's side of its child processes: fork one under tsx, wait for its port, ask its CPU time, stop it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchMessage, ChildMessage } from './bench-child.js';

export interface BenchChild {
  port: number;
  /** User + system CPU time the child has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Why the child died, once it has; the bench reports it with the errors. */
  exitReason(): string | undefined;
  stop(): Promise<void>;
}

export type ChildStart = { child: BenchChild } | { unavailable: string };

type MessageOf<T> = Extract<ChildMessage, { type: T }>;

function nextMessage<T extends ChildMessage['type']>(process: ChildProcess, type: T): Promise<MessageOf<T>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.type !== type) return;
      process.off('message', onMessage);
      resolve(message as MessageOf<T>);
    };
    process.on('message', onMessage);
    process.once('exit', (code) => {
      reject(new Error(`child exited (code ${code}) while the bench waited for "${type}"`));
    });
  });
}

/** The line of a child's stderr that says what went wrong, for the report. */
function firstError(stderr: string): string {
  return (
    stderr
      .split('\n')
      .find((line) => /^\w*Error\b|\[ERR_/.test(line.trim()))
      ?.trim() ?? 'no error on stderr'
  );
}

/** Forks `script` (a file next to this one) and waits until it listens or says it cannot run. */
export async function startChild(script: string, args: string[], env: Record<string, string>): Promise<ChildStart> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = fork(path, args, {
    // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to see where a child's time goes.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  child.setMaxListeners(0);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => {
    exitReason = `${script} exited (code ${code}, signal ${signal}): ${firstError(stderr)}`;
  });
  const first = await new Promise<ChildMessage | undefined>((resolve) => {
    child.once('message', resolve);
    child.once('exit', () => resolve(undefined));
  });
  // A child that cannot even load (the code under test is mid-change) makes its row n/a, not the bench fail.
  if (!first) return { unavailable: `exited before it listened: ${firstError(stderr)}` };
  if (first.type === 'unavailable') return { unavailable: first.reason };
  if (first.type !== 'listening') throw new Error(`${script} sent "${first.type}" before "listening"`);
  const ask = (message: BenchMessage) => child.send(message);
  return {
    child: {
      port: first.port,
      async cpuMicros() {
        if (exitReason) throw new Error(exitReason);
        const answer = nextMessage(child, 'cpu');
        ask({ type: 'cpu' });
        return (await answer).micros;
      },
      exitReason: () => exitReason,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        ask({ type: 'stop' });
        await exited;
      },
    },
  };
}
