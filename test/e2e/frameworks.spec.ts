import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../demo/provider/accounts.js';
import { signInAndConsent } from './fixtures.js';
import { installApp, packPackage, startApp, tool, type RunningApp } from './frameworks-apps.js';

/**
 * A React 19 app and a Vue 3 app (test/apps), installed from `npm pack` of this repo, type-checked strictly,
 * built with Vite, served, and connected through the real popup flow of the demo's OpenID provider.
 */

const CHECKERS = { react: 'typescript/bin/tsc', vue: 'vue-tsc/bin/vue-tsc.js' };
const apps: Partial<Record<keyof typeof CHECKERS, RunningApp>> = {};
let workDir = '';

/**
 * Strict type check, then `vite build`: any diagnostic, or any warning of the build, fails. The build keeps the
 * frameworks' development runtimes (`NODE_ENV=development`), so their warnings reach the browser's console.
 */
async function checkAndBuild(app: string, checker: string, env: Record<string, string>): Promise<void> {
  const checked = await tool(app, checker, ['--noEmit', '-p', 'tsconfig.json']);
  expect(checked.stdout + checked.stderr).toBe('');
  const built = await tool(app, 'vite/bin/vite.js', ['build', '--logLevel', 'warn'], {
    ...env,
    NODE_ENV: 'development',
  });
  expect(built.stdout + built.stderr).toBe('');
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = await mkdtemp(join(tmpdir(), 'oauth-connect-apps-'));
  const tarball = await packPackage(workDir);
  // Settled, not raced: a failing app must not leave the other one starting after afterAll ran.
  const started = await Promise.allSettled(
    Object.entries(CHECKERS).map(async ([name, checker]) => {
      const app = await installApp(name, tarball, workDir);
      apps[name as keyof typeof CHECKERS] = await startApp(app, (env) => checkAndBuild(app, checker, env));
    }),
  );
  for (const result of started) if (result.status === 'rejected') throw result.reason;
});

test.afterAll(async () => {
  await Promise.all(Object.values(apps).map((app) => app.close()));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Lit's notice that its development build runs, which the development build of the app is meant to load. */
const LIT_DEV_MODE = /^Lit is in dev mode\./;

/** Every warning and error the page logs, and every uncaught error: the test ends with none. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  const logged = (message: ConsoleMessage) => {
    if (message.type() !== 'warning' && message.type() !== 'error') return;
    if (!LIT_DEV_MODE.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
  };
  page.on('console', logged);
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Opens the app and waits for its bundle to have registered the element (nothing of it tree-shaken away). */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const registered = () => page.evaluate(() => customElements.get('oauth-connect') !== undefined);
  await expect.poll(registered, { message: 'the built app registers <oauth-connect>' }).toBe(true);
}

async function connectThrough(page: Page, buttonName: string): Promise<void> {
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await signInAndConsent(await popup);
}

const welcome = `Welcome, ${DEMO_ACCOUNT.claims.name}.`;

test('React 19: the plain element connects, and the app shows the typed success detail', async ({ page }) => {
  const problems = consoleProblems(page);
  const { url, backend } = apps.react!;
  await openApp(page, url);
  await connectThrough(page, 'Connect with Demo ID');
  await expect(page.locator('#element-result')).toHaveText(welcome);
  await expect(page.getByText(`Connected as ${DEMO_ACCOUNT.claims.email}`)).toBeVisible();
  expect(backend.exchanges.map(({ status }) => status)).toEqual([200]);
  expect(problems).toEqual([]);
});

test('React: the @lit/react wrapper connects through start-url and reports onSuccess, then onDisconnect', async ({
  page,
}) => {
  const problems = consoleProblems(page);
  const { url, backend } = apps.react!;
  backend.exchanges.length = 0;
  await openApp(page, url);
  await connectThrough(page, 'Sign in with Demo ID');
  const result = page.locator('#wrapper-result');
  await expect(result).toHaveText(welcome);
  expect(backend.starts.map(({ status }) => status)).toEqual([200]);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(result).toHaveText(`Disconnected ${DEMO_ACCOUNT.claims.email}.`);
  await expect.poll(() => backend.disconnects.map(({ status }) => status)).toEqual([200]);
  expect(problems).toEqual([]);
});

test('Vue 3: the element connects with no unresolved-component warning, and the app shows the typed detail', async ({
  page,
}) => {
  const problems = consoleProblems(page);
  const { url, backend } = apps.vue!;
  await openApp(page, url);
  await connectThrough(page, 'Connect with Demo ID');
  await expect(page.locator('#element-result')).toHaveText(welcome);
  expect(backend.exchanges.map(({ status }) => status)).toEqual([200]);
  expect(problems).toEqual([]);
});
