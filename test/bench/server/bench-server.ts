/**
 * `npm run bench:server`: the backend half beside openid-client doing the same job, in the same run.
 * Each app server runs alone in its own child process; the rounds interleave them (ours, anchor, ours…)
 * and the tables show medians with their min-max spread. A benchmark, not a gate: it exits 0 unless
 * the bench itself failed. Knobs: BENCH_ROUNDS, BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_WARMUP.
 */
import { randomBytes } from 'node:crypto';
import { startChild, type BenchChild } from './bench-children.js';
import { drive, type BenchRequest, type LoadResult } from './load-driver.js';
import { budgetVerdict, phaseTable, quantile, type ModeFigures, type RoundFigure } from './report.js';
import { startRedis, type RedisProcess } from './redis-process.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);

interface Mode {
  figures: ModeFigures;
  script: string;
  args: string[];
  child?: BenchChild;
}

const runId = randomBytes(6).toString('base64url');
let codeCount = 0;

/** The exchange request for one answered start: its state, its cookie, and a code never used before. */
function exchangeFor(startBody: string, cookie: string): BenchRequest {
  const authorizeUrl = new URL((JSON.parse(startBody) as { authorize_url: string }).authorize_url);
  const body = {
    code: `code-${runId}-${codeCount++}`,
    state: authorizeUrl.searchParams.get('state'),
    redirect_uri: authorizeUrl.searchParams.get('redirect_uri'),
    provider: 'Bench',
  };
  return { path: '/callback', body: JSON.stringify(body), cookie };
}

async function timed(child: BenchChild, requests: BenchRequest[]): Promise<{ load: LoadResult; figure: RoundFigure }> {
  const cpuBefore = await child.cpuMicros();
  const load = await drive(child.port, requests, CONCURRENCY);
  const cpu = (await child.cpuMicros()) - cpuBefore;
  const figure = {
    requestsPerSecond: requests.length / load.seconds,
    p50Ms: quantile(load.latenciesMs, 0.5),
    p99Ms: quantile(load.latenciesMs, 0.99),
    cpuMicrosPerRequest: cpu / requests.length,
  };
  return { load, figure };
}

function countFailures(mode: Mode, load: LoadResult, phase: string): void {
  mode.figures.failures += load.failures;
  for (const sample of load.failureSamples) {
    if (mode.figures.failureSamples.length < 6) mode.figures.failureSamples.push(`${phase}: ${sample}`);
  }
  const died = mode.child?.exitReason();
  if (died && !mode.figures.failureSamples.includes(died)) mode.figures.failureSamples.push(died);
}

/** `count` starts, timed; then one exchange for each start that answered 2xx, timed. */
async function measure(mode: Mode, count: number): Promise<Record<'start' | 'exchange', RoundFigure>> {
  const child = mode.child!;
  const startRequest = { path: '/start', body: JSON.stringify({ provider: 'Bench' }) };
  const starts = await timed(child, new Array<BenchRequest>(count).fill(startRequest));
  countFailures(mode, starts.load, 'start');
  const exchanges: BenchRequest[] = [];
  for (const answer of starts.load.answers) {
    if (answer && answer.status === 200) exchanges.push(exchangeFor(answer.body, answer.cookie));
  }
  if (!exchanges.length) throw new Error(`no start answered 200, so there is nothing to exchange`);
  const exchange = await timed(child, exchanges);
  countFailures(mode, exchange.load, 'exchange');
  return { start: starts.figure, exchange: exchange.figure };
}

const newFigures = (name: string): ModeFigures => ({
  name,
  rounds: { start: [], exchange: [] },
  failures: 0,
  failureSamples: [],
});
const modes: Mode[] = [
  { figures: newFigures('ours-cookie'), script: 'app-ours.ts', args: ['cookie'] },
  { figures: newFigures('ours-redis'), script: 'app-ours.ts', args: ['redis'] },
  { figures: newFigures('openid-client'), script: 'app-openid-client.ts', args: [] },
];
const anchor = modes[2];

let redisCommands: string | undefined;
let tokenEndpoint: BenchChild | undefined;
let redis: RedisProcess | undefined;
const began = performance.now();
try {
  const token = await startChild('token-endpoint.ts', [], {});
  if ('unavailable' in token) throw new Error(`the token endpoint could not start: ${token.unavailable}`);
  tokenEndpoint = token.child;
  redis = await startRedis();
  const env = { BENCH_TOKEN_PORT: String(tokenEndpoint.port), BENCH_REDIS_URL: redis.url };
  for (const mode of modes) {
    const started = await startChild(mode.script, mode.args, env);
    if ('unavailable' in started) mode.figures.unavailable = started.unavailable;
    else mode.child = started.child;
  }
  let running = modes.filter((mode) => mode.child);
  const stopped = (mode: Mode) => !running.includes(mode);
  /** Measures `mode`; a mode that stops answering leaves the run, its row showing why, and the others go on. */
  const attempt = async (mode: Mode, count: number, round: string) => {
    try {
      return await measure(mode, count);
    } catch (error) {
      const sample = mode.figures.failureSamples[0];
      mode.figures.unavailable = `stopped in ${round}: ${(error as Error).message}${sample ? `; ${sample}` : ''}`;
      running = running.filter((other) => other !== mode);
      await mode.child?.stop();
    }
  };
  for (const mode of running) await attempt(mode, WARMUP, 'the warm-up');
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate who goes first, so no mode always runs right after another's garbage.
    for (const mode of running.map((_, i) => running[(round + i) % running.length])) {
      if (stopped(mode)) continue;
      const figure = await attempt(mode, REQUESTS, `round ${round + 1}`);
      if (!figure) continue;
      mode.figures.rounds.start.push(figure.start);
      mode.figures.rounds.exchange.push(figure.exchange);
    }
  }
  const housekeeping = ['info', 'hello', 'client|setinfo'];
  const counts = Object.entries(await redis.commandCounts()).filter(([name]) => !housekeeping.includes(name));
  redisCommands = counts.map(([name, calls]) => `${name} ${calls}`).join(', ') || 'none';
} finally {
  for (const mode of modes) await mode.child?.stop();
  await tokenEndpoint?.stop();
  await redis?.stop();
}

const figures = modes.map((mode) => mode.figures);
const seconds = ((performance.now() - began) / 1000).toFixed(0);
console.log(
  `\nServer bench: ${ROUNDS} interleaved rounds × ${REQUESTS} requests per phase at concurrency ${CONCURRENCY}, ` +
    `after ${WARMUP} warm-up pairs; ${seconds} s in all.`,
);
console.log(
  'Cells: median (min-max) over the rounds. req/s = requests per second; p50/p99 = latency in milliseconds ' +
    'seen by the driver; CPU µs/req = app server process user+system CPU microseconds per request.\n' +
    'Ratios are ours ÷ openid-client, per round: CPU below 1.00 and req/s above 1.00 favour ours.',
);
console.log('\nStart: POST start-url → { authorize_url } + Set-Cookie');
for (const line of phaseTable('start', figures, anchor.figures)) console.log(`  ${line}`);
console.log('\nExchange: POST exchange-url with code + state + cookie → code redeemed at the local token endpoint');
for (const line of phaseTable('exchange', figures, anchor.figures)) console.log(`  ${line}`);
console.log("\nBudget: start and exchange CPU per request at or below openid-client's");
for (const { figures: ours } of modes.slice(0, 2)) {
  console.log(`  ${ours.name.padEnd(16)} ${budgetVerdict(ours, anchor.figures)}`);
}

const redisPairs = WARMUP + ROUNDS * REQUESTS;
const redisRan = modes[1].figures.unavailable ? 'did not finish' : `ran ${redisPairs} start+exchange pairs`;
console.log(`\nRedis commands seen (ours-redis ${redisRan}): ${redisCommands ?? 'none'}`);

const invalid = figures.filter((mode) => mode.failures);
for (const mode of invalid) {
  console.log(`\n${mode.name}: INVALID, ${mode.failures} request(s) answered non-2xx or failed. First ones:`);
  for (const sample of mode.failureSamples) console.log(`  ${sample}`);
}
if (modes.slice(0, 2).every((mode) => mode.figures.unavailable)) {
  console.log('\nNo figures for ours: neither mode could start (reasons in the tables). Run again once src loads.');
  process.exitCode = 1;
}
