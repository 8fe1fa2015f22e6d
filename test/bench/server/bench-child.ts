/**
 * The side of a bench child process that talks to the bench over IPC: it listens on a free port of
 * 127.0.0.1, says so, answers CPU-usage questions, and stops when told.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

export type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Messages a child sends to the bench. */
export type ChildMessage =
  { type: 'listening'; port: number } | { type: 'unavailable'; reason: string } | { type: 'cpu'; micros: number };

/** Messages the bench sends to a child. */
export type BenchMessage = { type: 'cpu' } | { type: 'stop' };

function send(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * A listener that throws answers 500 with the error's message, so the bench counts it instead of the
 * child dying; the first stack goes to stderr.
 */
function guarded(listener: Listener): Listener {
  let stackShown = false;
  return async (req, res) => {
    try {
      await listener(req, res);
    } catch (error) {
      if (!stackShown) console.error('bench app threw:', error);
      stackShown = true;
      if (res.headersSent) return void res.destroy();
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain');
      res.end(`bench app threw: ${(error as Error)?.message ?? error}`);
    }
  };
}

/**
 * Serves the listener that `build` returns for the port it got. When `build` throws, the child
 * reports itself unavailable with the reason and exits, so the bench can mark that row instead of failing.
 */
export async function serveBenchChild(build: (port: number) => Listener | Promise<Listener>): Promise<void> {
  const server = http.createServer({ keepAliveTimeout: 60_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  let listener: Listener;
  try {
    listener = guarded(await build(port));
  } catch (error) {
    send({ type: 'unavailable', reason: (error as Error)?.message ?? String(error) });
    server.close();
    process.exit(0);
  }
  server.on('request', listener);
  process.on('message', (message: BenchMessage) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
    } else if (message.type === 'stop') {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
  // The bench went away without saying stop: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', port });
}

/** The whole body of a request, as text. */
export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
