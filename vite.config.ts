import { playwright } from '@vitest/browser-playwright';
import type { UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './test/browsers.js';

/**
 * `vite build --mode <name>` builds one part of dist/ (CONTRACT section 6); `npm run build` runs them all.
 * Classic scripts (IIFE) take one entry each, hence the separate modes.
 */
const builds: Record<string, UserConfig['build']> = {
  modules: {
    lib: {
      entry: {
        'oauth-connect': 'src/oauth-connect.ts',
        callback: 'src/callback.ts',
        headless: 'src/headless.ts',
        server: 'src/server.ts',
        'server-redis': 'src/server-redis.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external: [/^lit/, /^node:/, 'oauth4webapi', 'ipaddr.js'] },
    minify: false,
    emptyOutDir: true,
  },
  bundle: {
    lib: {
      entry: 'src/oauth-connect.ts',
      formats: ['iife'],
      name: 'OAuthConnect',
      fileName: () => 'oauth-connect.bundle.js',
    },
    emptyOutDir: false,
  },
  callback: {
    lib: {
      entry: 'src/callback-script.ts',
      formats: ['iife'],
      name: 'OAuthConnectCallback',
      fileName: () => 'oauth-connect-callback.js',
    },
    // Imported constants (the storage keys) written in place: the script's budget is 800 B gzip -9.
    rolldownOptions: { optimization: { inlineConst: true } },
    emptyOutDir: false,
  },
};

export default defineConfig(({ mode }) => ({
  build: { target: 'es2022', ...builds[mode] },
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        // The browser half (core, element, callback) runs in a real browser.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/unit/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // The server half runs where it is deployed: Node, with real sockets, processes and Redis.
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
}));
