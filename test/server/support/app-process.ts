/**
 * One instance of the test app, as its own Node process: `node --import tsx app-process.ts
 * --redis=redis://127.0.0.1:PORT --provider=http://127.0.0.1:PORT --mode=store|cookie`, with the
 * server secret in OAUTH_CONNECT_TEST_SECRET. It listens on a free port of 127.0.0.1, tells its parent
 * over IPC (`{ type: 'listening', port, pid }`; on stdout when started without IPC), and exits when
 * the parent disconnects, so it never outlives the test that started it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../../src/server.js';
import { connectRedis } from '../redis-client.js';
import { readAppArgs, secretVariable, type ListeningMessage } from './app-config.js';
import { createAppRoutes } from './app-routes.js';

// A parent that goes away (exits, is killed, or disconnects on purpose) takes this process with it.
process.on('disconnect', () => process.exit(0));

const config = readAppArgs(process.argv.slice(2));
const secret = process.env[secretVariable];
if (!secret) throw new Error(`app process: the environment variable ${secretVariable} is not set`);

const redis = await connectRedis(config.redisUrl);
const routes = createAppRoutes(config, secret, redis);
const listeners = new Map(Object.entries(routes).map(([path, handler]) => [path, toNodeListener(handler)]));

const server = createServer((req, res) => {
  const listener = listeners.get(new URL(req.url ?? '/', 'http://app.invalid').pathname);
  if (listener) return void listener(req, res);
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not_found', error_description: `no route ${req.method} ${req.url}` }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

const message: ListeningMessage = { type: 'listening', port: (server.address() as AddressInfo).port, pid: process.pid };
if (process.send) process.send(message);
else console.log(JSON.stringify(message));
