import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** Why the PHP recipe's tests cannot run here, or undefined when `php` (Debian's php-cli) is installed. */
export const phpMissing: string | undefined =
  spawnSync('php', ['--version']).status === 0
    ? undefined
    : 'php is not installed: install the Debian package "php-cli" (.ci/run does)';

export interface PhpServerOptions {
  port: number;
  /** The document root: the files it serves and runs. */
  root: string;
  /** A router script run for every request before the document root is looked at. */
  router: string;
  /** The environment the scripts read with getenv(). */
  env: Record<string, string>;
  /** php.ini settings, as `-d name=value`. */
  ini?: Record<string, string>;
}

export interface PhpServer {
  /** What PHP wrote to stderr (its request log and any warnings), for failure messages. */
  output(): string;
  /** Ends it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** PHP's built-in web server (`php -S`) on 127.0.0.1; resolves once it says it started. */
export function startPhpServer(options: PhpServerOptions): Promise<PhpServer> {
  const ini = Object.entries(options.ini ?? {}).flatMap(([name, value]) => ['-d', `${name}=${value}`]);
  const args = [...ini, '-S', `127.0.0.1:${options.port}`, '-t', options.root, options.router];
  const child = spawn('php', args, { env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: 'pipe' });
  // A test run that ends without stop() must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: PhpServer = { output: () => output, stop: () => stop(child) };
  return new Promise((resolve, reject) => {
    const onOutput = () => {
      if (!output.includes(`(http://127.0.0.1:${options.port}) started`)) return;
      child.stderr.off('data', onOutput);
      child.off('exit', onEarlyExit);
      resolve(server);
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(
        new Error(`php -S on port ${options.port} exited (${signal ?? `code ${code}`}) before starting:\n${output}`),
      );
    child.stderr.on('data', onOutput);
    child.once('exit', onEarlyExit);
    child.once('error', reject);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
