/** A throwaway `redis-server` on a free port of 127.0.0.1, with nothing written to disk. */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisProcess {
  url: string;
  /** Calls per command name since start (`INFO commandstats`), e.g. `{ set: 4000, getdel: 2000 }`. */
  commandCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

function readCommandStats(port: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    execFile('redis-cli', ['-p', String(port), 'INFO', 'commandstats'], (error, stdout) => {
      if (error) return reject(new Error(`redis-cli INFO commandstats failed: ${error.message}`));
      const counts: Record<string, number> = {};
      for (const match of stdout.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) counts[match[1]] = Number(match[2]);
      resolve(counts);
    });
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => reject(new Error(`redis-server could not be started: ${error.message}`)));
    child.once('exit', (code) => {
      reject(new Error(`redis-server exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.removeAllListeners('exit');
  return {
    url: `redis://127.0.0.1:${port}`,
    commandCounts: () => readCommandStats(port),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
