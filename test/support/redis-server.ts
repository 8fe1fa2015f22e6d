import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** A real `redis-server` (Debian package `redis-server`) on 127.0.0.1, without persistence. */
export interface RedisServer {
  url: string;
  port: number;
  /** Ends it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** An outage: SIGKILL, as if the machine died; waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it accepts connections. */
  restart(): Promise<void>;
}

const readyLine = 'Ready to accept connections';

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child = await spawnRedis(port);
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    async restart() {
      await stopWith('SIGKILL');
      child = await spawnRedis(port);
    },
  };
}

/**
 * A port on 127.0.0.1 that nothing listens on at the moment. The same as demo/demo-server.ts's
 * `freePort`, kept here because importing that module loads the whole demo (Vite, providers, server).
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once the server logs that it accepts connections; rejects with its output if it exits first. */
function spawnRedis(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A test run that ends without stop() must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return new Promise((resolve, reject) => {
    let output = '';
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        child.stdout?.off('data', onOutput);
        child.off('exit', onEarlyExit);
        child.stdout?.resume();
        resolve(child);
      }
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const how = signal ?? `code ${code}`;
      reject(new Error(`redis-server on port ${port} exited (${how}) before accepting connections:\n${output}`));
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onEarlyExit);
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') return reject(error);
      reject(new Error('redis-server is missing: install the Debian package "redis-server"'));
    });
  });
}
