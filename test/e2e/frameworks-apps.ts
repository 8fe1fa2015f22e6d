import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { createDemoBackend, type DemoBackend } from '../../demo/backend.js';
import { freePort } from '../../demo/demo-server.js';
import { demoIdProvider } from '../../demo/providers.js';
import { startOidcServer } from '../../demo/provider/oidc-server.js';

/**
 * The framework apps of test/apps, each installed from the packed package the way npm would lay it out, but
 * offline: the tarball unpacked into the app's node_modules, every other dependency linked from the repo's.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const MODULES = join(ROOT, 'node_modules');
const run = promisify(execFile);

/** Runs a command; its output when it exits 0, and a failure naming the command and its output otherwise. */
async function command(file: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    return await run(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** `npm pack` of the repo as it is (dist/ already built) into `dir`; the tarball's path. */
export async function packPackage(dir: string): Promise<string> {
  const { stdout } = await command('npm', ['pack', '--json', '--pack-destination', dir], ROOT);
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
  return join(dir, filename);
}

async function linkFromRepo(nodeModules: string, name: string): Promise<void> {
  await mkdir(dirname(join(nodeModules, name)), { recursive: true });
  await symlink(join(MODULES, name), join(nodeModules, name), 'dir');
}

const dependenciesOf = async (dir: string) => {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
};

/** Copies test/apps/`name` into `workDir` and installs the tarball and the app's dependencies there. */
export async function installApp(name: string, tarball: string, workDir: string): Promise<string> {
  const app = join(workDir, name);
  await cp(join(ROOT, 'test/apps', name), app, { recursive: true });
  const nodeModules = join(app, 'node_modules');
  const unpacked = join(nodeModules, 'oauth-connect');
  await mkdir(unpacked, { recursive: true });
  await command('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], app);
  const names = new Set([...(await dependenciesOf(app)), ...(await dependenciesOf(unpacked))]);
  names.delete('oauth-connect');
  await Promise.all([...names].map((dependency) => linkFromRepo(nodeModules, dependency)));
  return app;
}

/** Runs a tool of the app's own node_modules/.bin-equivalent, from the repo's copy. */
export const tool = (app: string, script: string, args: string[], env?: Record<string, string>) =>
  command(process.execPath, [join(MODULES, script), ...args], app, env);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves a built app: `/` and `/callback` its two pages, `/assets/…` its files, `/api/…` the backend. */
function appServer(root: string, backend: DemoBackend): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    if (path.startsWith('/api/')) return backend.middleware(req, res, notFound);
    const page = path === '/' ? 'index.html' : path === '/callback' ? 'callback.html' : path.slice(1);
    const file = resolve(root, page);
    if (!file.startsWith(root + sep)) return notFound();
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      notFound,
    );
  });
}

export interface RunningApp {
  url: string;
  backend: DemoBackend;
  close(): Promise<void>;
}

/**
 * Starts the demo's OpenID provider with a client for this app's origin, builds the app for it with `build`
 * (given the `VITE_*` settings), and serves the built app with the demo backend, on 127.0.0.1.
 */
export async function startApp(app: string, build: (env: Record<string, string>) => Promise<void>) {
  const url = `http://127.0.0.1:${await freePort()}`;
  const client = {
    clientId: 'framework-app',
    clientSecret: randomBytes(24).toString('hex'),
    redirectUri: `${url}/callback`,
  };
  const oidc = await startOidcServer({ client });
  const csrfToken = randomBytes(24).toString('hex');
  const backend = createDemoBackend([demoIdProvider(oidc, client)], csrfToken, randomBytes(32).toString('hex'));
  const server = appServer(join(app, 'dist'), backend);
  const close = async () => {
    await new Promise((done) => server.close(done));
    await oidc.close();
  };
  try {
    await build({
      VITE_AUTHORIZE_URL: oidc.authorizeUrl,
      VITE_CLIENT_ID: client.clientId,
      VITE_REDIRECT_URI: client.redirectUri,
      VITE_ISSUER: oidc.issuer,
      VITE_CSRF_TOKEN: csrfToken,
    });
    await new Promise<void>((listening, failed) => {
      server.once('error', failed).listen(Number(new URL(url).port), '127.0.0.1', listening);
    });
  } catch (error) {
    await oidc.close();
    throw error;
  }
  return { url, backend, close } satisfies RunningApp;
}
