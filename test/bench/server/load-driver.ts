/**
 * The load driver: sends prepared POSTs to one app server at a fixed concurrency over keep-alive
 * connections, and records each answer's latency and status. A non-2xx answer or a network error is
 * counted, never thrown, so one bad run is reported rather than ending the bench.
 */
import http from 'node:http';

export interface BenchRequest {
  path: string;
  body: string;
  cookie?: string;
}

export interface BenchAnswer {
  status: number;
  body: string;
  /** `name=value` of each Set-Cookie, joined as a Cookie header would carry them. */
  cookie: string;
}

export interface LoadResult {
  seconds: number;
  /** Latency of every request, milliseconds, sorted ascending. */
  latenciesMs: Float64Array;
  answers: (BenchAnswer | undefined)[];
  failures: number;
  /** A few failures, as `HTTP 500: body` or the network error, to show why a run is invalid. */
  failureSamples: string[];
}

const SAMPLES_KEPT = 3;

function post(agent: http.Agent, port: number, request: BenchRequest): Promise<BenchAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(request.body),
    };
    if (request.cookie) headers.Cookie = request.cookie;
    const req = http.request({ agent, host: '127.0.0.1', port, method: 'POST', path: request.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const cookie = (res.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), cookie });
      });
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Sends every request in `requests` to 127.0.0.1:`port`, at most `concurrency` at a time. */
export async function drive(port: number, requests: BenchRequest[], concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(requests.length);
  const answers: (BenchAnswer | undefined)[] = new Array(requests.length);
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  const fail = (text: string) => {
    failures++;
    if (failureSamples.length < SAMPLES_KEPT) failureSamples.push(text.slice(0, 300));
  };

  const began = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const sent = performance.now();
      try {
        const answer = await post(agent, port, requests[index]);
        latencies[index] = performance.now() - sent;
        answers[index] = answer;
        if (answer.status < 200 || answer.status > 299) fail(`HTTP ${answer.status}: ${answer.body}`);
      } catch (error) {
        latencies[index] = performance.now() - sent;
        fail(`network error: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  return { seconds, latenciesMs: latencies.sort(), answers, failures, failureSamples };
}
