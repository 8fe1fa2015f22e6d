import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/** A server on 127.0.0.1 that records every connection and request it sees. */
export interface TestServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  connections: Socket[];
  requests: IncomingMessage[];
  stop(): Promise<void>;
}

const running = new Set<TestServer>();

async function start(server: Server, port: number, requests: IncomingMessage[]): Promise<TestServer> {
  const connections: Socket[] = [];
  server.on('connection', (socket: Socket) => connections.push(socket));
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const actual = (server.address() as AddressInfo).port;
  const handle: TestServer = {
    port: actual,
    origin: `http://127.0.0.1:${actual}`,
    connections,
    requests,
    async stop() {
      running.delete(handle);
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  running.add(handle);
  return handle;
}

/** An HTTP server; `handler` answers each request. */
export function startHttpServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  port = 0,
): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  return start(server, port, requests);
}

/** A raw TCP server, for answers that are not HTTP at all or never come. */
export function startTcpServer(onSocket: (socket: Socket) => void, port = 0): Promise<TestServer> {
  // Reading (and dropping) what the client sends lets the socket see the client's close.
  const server = createTcpServer((socket) => {
    onSocket(socket);
    socket.resume();
  });
  return start(server, port, []);
}

/** A port on 127.0.0.1 that nothing listens on (it did a moment ago). */
export async function closedPort(): Promise<number> {
  const server = await startTcpServer(() => undefined);
  await server.stop();
  return server.port;
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Resolves when `socket` has closed (at once if it already has), however it ended: a reset is fine. */
export function socketClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));
}
