import { afterEach, describe, expect, test, vi } from 'vitest';
import { startKitchenMonki, type KitchenMonki } from '../../demo/emulators/kitchenmonki.js';
import type { EmulatedClient } from '../../demo/emulators/token-store.js';
import { MiniBrowser } from './emulator-browser.js';

const CALLBACK = 'http://127.0.0.1:9/callback';
const client: EmulatedClient = { id: 'kitchen', secret: 'kitchen-secret', name: 'Test app', redirectUris: [CALLBACK] };

let monki: KitchenMonki;
afterEach(async () => {
  vi.useRealTimers();
  await monki.close();
});

async function start(options: { revokeOnReuse?: boolean } = {}) {
  monki = await startKitchenMonki({ clients: [client], ...options });
}

async function code(): Promise<string> {
  const browser = new MiniBrowser(monki.web.origin);
  const query = new URLSearchParams({ client_id: client.id, response_type: 'code', redirect_uri: CALLBACK });
  const walk = await browser.walk(`/authorize?${query}`);
  return walk.redirectedTo!.searchParams.get('code')!;
}

/** `GET /v2/token/grant` with the client's credentials in the query, as KitchenMonki documents it. */
async function grant(params: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const query = new URLSearchParams({ client_id: client.id, client_secret: client.secret, ...params });
  const response = await fetch(`${monki.api.origin}/v2/token/grant?${query}`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const redeem = async (authorizationCode: string) =>
  grant({ grant_type: 'authorization_code', code: authorizationCode, redirect_uri: CALLBACK });
const refresh = (refreshToken: string) => grant({ grant_type: 'refresh_token', refresh_token: refreshToken });

describe('KitchenMonki emulator', () => {
  test('a code redeems 29 s after it was issued and is refused as expired after 30 s', async () => {
    // Only Date is faked, from before the codes are issued (the library checks `expiresAt instanceof Date`).
    vi.useFakeTimers({ toFake: ['Date'] });
    await start();
    const [early, late] = [await code(), await code()];
    const issuedAt = Date.now();
    vi.setSystemTime(issuedAt + 29_000);
    expect((await redeem(early)).status).toBe(200);
    vi.setSystemTime(issuedAt + 31_000);
    expect(await redeem(late)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid grant: authorization code has expired' },
    });
    expect(monki.web.emulator.issued.map((entry) => entry.grant)).toEqual(['authorization_code']);
  });

  test('token endpoint calls are counted by grant, answered or not', async () => {
    await start();
    const authorizationCode = await code();
    const { body } = await redeem(authorizationCode);
    expect((await redeem(authorizationCode)).status).toBe(400);
    expect((await refresh(body.refresh_token!)).status).toBe(200);
    expect(monki.web.emulator.tokenCalls).toEqual({ authorization_code: 2, refresh_token: 1 });
    expect(monki.web.emulator.issued.map((entry) => entry.grant)).toEqual(['authorization_code', 'refresh_token']);
  });

  test('refresh tokens rotate: a rotated one is refused, and by default the newest still works', async () => {
    await start();
    const first = (await redeem(await code())).body.refresh_token!;
    const second = (await refresh(first)).body.refresh_token!;
    expect((await refresh(first)).body).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(second)).status).toBe(200);
  });

  test('with revokeOnReuse, a rotated refresh token presented revokes the grant: the newest dies too', async () => {
    await start({ revokeOnReuse: true });
    const first = (await redeem(await code())).body.refresh_token!;
    const refreshed = (await refresh(first)).body;
    // A second, separate grant of the same user is not touched.
    const otherGrant = (await redeem(await code())).body.refresh_token!;

    expect((await refresh(first)).body).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(refreshed.refresh_token!)).body).toMatchObject({ error: 'invalid_grant' });
    const authorization = `Bearer ${refreshed.access_token}`;
    const profile = await fetch(`${monki.api.origin}/v2/me`, { headers: { authorization } });
    expect(profile.status).toBe(401);
    expect((await refresh(otherGrant)).status).toBe(200);
  });

  test('revokeOnReuse can be switched on while the provider runs', async () => {
    await start();
    const first = (await redeem(await code())).body.refresh_token!;
    const second = (await refresh(first)).body.refresh_token!;
    monki.web.emulator.policy.revokeOnReuse = true;
    expect((await refresh(first)).status).toBe(400);
    expect((await refresh(second)).status).toBe(400);
  });
});
