import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, firefoxLaunchOptions } from '../browsers.js';

const { channel: firefoxChannel, ...firefoxLaunch } = firefoxLaunchOptions();

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright.json' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/webkit/**',
      use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions() },
    },
    {
      name: 'firefox',
      // What these check happens on the servers (the providers' emulators, the backend's refusals, the PHP recipe,
      // the authorize request a provider receives): the browser plays no part, so Chromium alone runs them. The
      // framework apps are the same in every browser, and building them is most of their spec's time.
      testIgnore: [
        '**/webkit/**',
        '**/frameworks.spec.ts',
        '**/providers.spec.ts',
        '**/provider-display.spec.ts',
        '**/server-attacks.spec.ts',
        '**/php-recipe.spec.ts',
      ],
      use: { browserName: 'firefox', channel: firefoxChannel, launchOptions: firefoxLaunch },
    },
    // WebKitGTK's MiniBrowser under Xvfb, over W3C WebDriver (test/e2e/webkit/fixtures.ts): Playwright's own WebKit
    // does not run on this system, so these specs drive the browser through selenium-webdriver, not `page`.
    { name: 'webkit', testDir: './webkit' },
  ],
});
