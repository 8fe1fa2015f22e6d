/**
 * Several Node processes serve the same app and share one real Redis, as a deployment behind a load
 * balancer does: a browser's start and exchange may reach different processes, requests for the same
 * code or refresh token may arrive at two of them at the same instant, and Redis may go away.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tokensKey, type FlowMode } from './support/app-config.js';
import type { AppProcess } from './support/app-processes.js';
import { startDeployment, type Deployment } from './support/deployment.js';
import { answersOf, sendExchange, startFlow, timed, uniqueUser } from './support/flows.js';

let deployment: Deployment;

beforeAll(async () => {
  deployment = await startDeployment({ store: 3, cookie: 2 });
}, 45_000);

afterAll(async () => {
  await deployment?.stop();
}, 45_000);

const storedTokens = async (user: string) => JSON.parse((await deployment.reader.get(tokensKey(user))) ?? 'null');
const next = <T>(list: T[], index: number) => list[(index + 1) % list.length]!;

describe.each<FlowMode>(['store', 'cookie'])('in %s mode', (mode) => {
  const apps = () => deployment.apps[mode];

  test('a flow started on one process is redeemed on another, with one token request', async () => {
    const { provider } = deployment;
    for (const [index, starter] of apps().entries()) {
      const redeemer = next(apps(), index);
      const user = uniqueUser('cross');
      const flow = await startFlow(starter, provider);
      const answer = await sendExchange(redeemer, flow, user);

      expect(answer.status, `started on ${starter.name}, redeemed on ${redeemer.name}`).toBe(200);
      const expected = { connected: true, provider: 'rotating', clientId: flow.clientId, servedBy: redeemer.pid };
      expect(await answer.json()).toEqual(expected);
      expect(provider.tokenCallsFor(flow.code)).toBe(1);
      // What the provider issued is what every process now finds in Redis.
      expect(await storedTokens(user)).toMatchObject({ access_token: provider.grantOf(flow.code)!.accessToken });
    }
  });

  test('one exchange sent to every process at the same instant is redeemed exactly once', async () => {
    const { provider } = deployment;
    for (let round = 0; round < 20; round++) {
      const flow = await startFlow(apps()[round % apps().length]!, provider);
      const user = uniqueUser('race');
      const answers = await answersOf(apps().map((app) => sendExchange(app, flow, user)));

      const winners = answers.filter((answer) => answer.status === 200);
      const losers = answers.filter((answer) => answer.status !== 200);
      expect(winners, `round ${round}: ${JSON.stringify(answers)}`).toHaveLength(1);
      for (const loser of losers) {
        expect(loser).toEqual({
          status: 400,
          body: { error: 'invalid_request', error_description: expect.stringMatching(/already used/) },
        });
      }
      expect(provider.tokenCallsFor(flow.code), `round ${round}`).toBe(1);
      expect(provider.grantOf(flow.code)!.revoked).toBe(false);
    }
  });
});

/**
 * Sends a refresh of `user` to every process at once, and holds the provider's answer until every
 * process has read the tokens it is about to refresh: the moment a second spend of one refresh token
 * would happen, whatever the scheduling of the processes.
 */
async function refreshOnAll(apps: AppProcess[], user: string) {
  const loadsOf = () => Promise.all(apps.map(async (app) => (await app.stats()).tokenLoads));
  const loadsBefore = await loadsOf();
  const release = deployment.provider.holdRefreshes();
  const requests = answersOf(apps.map((app) => app.post('/refresh', { user })));
  try {
    const allRead = async () => (await loadsOf()).every((loads, index) => loads > loadsBefore[index]!);
    await expect.poll(allRead, { timeout: 10_000, interval: 20 }).toBe(true);
  } finally {
    release();
  }
  return requests;
}

test('refreshes of one user on every process at once make one provider call, and the grant survives', async () => {
  const { provider } = deployment;
  const apps = deployment.apps.store;
  const user = uniqueUser('refresh');
  const flow = await startFlow(apps[0]!, provider);
  expect((await sendExchange(apps[1]!, flow, user)).status).toBe(200);
  const revokedBefore = provider.revokedGrants();
  let previous = await storedTokens(user);

  for (let round = 0; round < 10; round++) {
    const callsBefore = provider.refreshCalls();
    const answers = await refreshOnAll(apps, user);

    const statuses = answers.map((answer) => answer.status);
    expect(statuses, `round ${round}: ${JSON.stringify(answers)}`).toEqual(apps.map(() => 200));
    expect(provider.refreshCalls() - callsBefore, `round ${round}`).toBe(1);
    const fresh = { access_token: answers[0]!.body.access_token, refresh_token: answers[0]!.body.refresh_token };
    for (const answer of answers) expect(answer.body).toMatchObject(fresh);
    expect(fresh.refresh_token).not.toBe(previous.refresh_token);
    expect(await storedTokens(user)).toMatchObject(fresh);
    expect(provider.isLive(fresh.refresh_token), `round ${round}: the stored refresh token is live`).toBe(true);
    previous = fresh;
  }

  // Nothing was spent twice: the grant was never revoked, and the stored refresh token still works.
  expect(provider.revokedGrants()).toBe(revokedBefore);
  const last = await apps[1]!.post('/refresh', { user });
  expect(last.status).toBe(200);
  expect(provider.isLive(((await last.json()) as { refresh_token: string }).refresh_token)).toBe(true);
  expect(provider.isLive(previous.refresh_token)).toBe(false);
});

test('first flows to a new Gancio instance, started on every process at once, register one client', async () => {
  const { provider } = deployment;
  const apps = deployment.apps.store;
  const instance = provider.origin;
  expect(provider.registrations()).toEqual([]);

  const flows = await Promise.all(apps.map((app) => startFlow(app, provider, { provider: 'gancio', instance })));
  expect(provider.registrations()).toHaveLength(1);
  const { clientId } = provider.registrations()[0]!;
  expect(flows.map((flow) => flow.clientId)).toEqual(apps.map(() => clientId));

  // Each flow is redeemed on another process than the one that started it (A's on B, B's on C, C's on A).
  for (const [index, flow] of flows.entries()) {
    const answer = await sendExchange(next(apps, index), flow, uniqueUser('gancio'));
    expect(answer.status, `flow started on ${apps[index]!.name}`).toBe(200);
    expect(await answer.json()).toMatchObject({ connected: true, provider: 'gancio', clientId });
    expect(provider.tokenCallsFor(flow.code)).toBe(1);
  }
  const asked = await answersOf(apps.map((app) => app.post('/register-test', { instance })));
  expect(asked.map((answer) => answer.body.clientId)).toEqual(apps.map(() => clientId));
  expect(provider.registrations()).toHaveLength(1);
});

describe('when Redis dies', () => {
  const unavailable = { error: 'temporarily_unavailable', error_description: expect.any(String) };

  /** The process still runs, is the one started, and has not exited. */
  async function expectAlive(app: AppProcess) {
    expect(app.exitReason(), app.name).toBeUndefined();
    expect(process.kill(app.pid, 0), app.name).toBe(true);
    expect((await app.stats()).pid, app.name).toBe(app.pid);
  }

  test('start and exchange answer 503 at once, nothing crashes, and all works again after a restart', async () => {
    const { redis, provider } = deployment;
    const apps = deployment.allApps();
    const before = await Promise.all(apps.map(async (app) => (await app.stats()).errors));
    // Each process's flow, started before the outage, to be redeemed on the next process of its mode.
    const pending = await Promise.all(
      Object.entries(deployment.apps).flatMap(([mode, group]) =>
        group.map(async (app, index) => {
          const flow = await startFlow(app, provider);
          return { app, mode, redeemer: next(group, index), flow };
        }),
      ),
    );

    await redis.kill();
    for (const { app, mode, redeemer, flow } of pending) {
      const started = await timed(() => app.post('/start', { provider: 'rotating' }));
      // In cookie mode a start keeps nothing server-side: it needs no store.
      if (mode === 'store') expect(started, `start on ${app.name}`).toMatchObject({ status: 503, body: unavailable });
      else expect(started.status, `start on ${app.name}`).toBe(200);
      const exchanged = await timed(() => sendExchange(redeemer, flow, uniqueUser('outage')));
      expect(exchanged, `exchange on ${redeemer.name}`).toMatchObject({ status: 503, body: unavailable });
      expect(Math.max(started.ms, exchanged.ms), app.name).toBeLessThan(3000);
    }
    for (const [index, app] of apps.entries()) {
      await expectAlive(app);
      const stats = await app.stats();
      expect(stats.errors, app.name).toBeGreaterThan(before[index]!);
      expect(stats.recentErrors, app.name).toContainEqual(expect.objectContaining({ name: 'StoreUnavailableError' }));
      // The log line travels on another pipe than the /stats answer: it may arrive a moment later.
      const logged = /onError on \/(start|exchange): StoreUnavailableError/;
      await expect.poll(() => app.stderr(), { message: app.name, timeout: 5000 }).toMatch(logged);
    }
    // Nothing reached the provider while the single-use checks could not be made.
    for (const { flow } of pending) expect(provider.tokenCallsFor(flow.code)).toBe(0);

    await redis.restart();
    for (const app of apps) {
      const starts = () => app.post('/start', { provider: 'rotating' }).then((response) => response.status);
      await expect.poll(starts, { timeout: 10_000, interval: 100 }).toBe(200);
    }
    for (const group of Object.values(deployment.apps)) {
      for (const [index, app] of group.entries()) {
        const flow = await startFlow(app, provider);
        expect((await sendExchange(next(group, index), flow, uniqueUser('after'))).status, app.name).toBe(200);
      }
    }
    // A cookie-mode flow refused during the outage was never marked used: the browser's retry succeeds.
    const refused = pending.find((entry) => entry.mode === 'cookie')!;
    expect((await sendExchange(refused.redeemer, refused.flow, uniqueUser('retry'))).status).toBe(200);
    for (const app of apps) await expectAlive(app);
  });
});
