import { playwright } from '@vitest/browser-playwright';
import { readdirSync } from 'node:fs';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { elementDataFiles } from './src/build/element-data-plugin.js';
import { chromiumLaunchOptions } from './test/browsers.js';

/**
 * Shortens the names of properties only our bundle's own code reads: none is a public option, export,
 * event detail, stored record field or message field, and none is a name Lit or the DOM uses. Applied to
 * our entry alone: the bench builds other libraries with this same mode, and their names stay as they are.
 */
function mangleInternalProperties(): Plugin {
  const names = [
    'callHook config env exchangeTimeoutMs fail finish hooks kind onRelease outcome phase popup',
    'notice preparing receive record release request reset result timeOutAfter timeoutMs',
  ].join(' ');
  let ours = false;
  return {
    name: 'mangle-internal-properties',
    options({ input }) {
      const entries = typeof input === 'string' ? [input] : Object.values(input ?? {});
      ours = entries.some((entry) => entry.replaceAll('\\', '/').endsWith('src/oauth-connect.ts'));
    },
    outputOptions(output) {
      if (!ours) return undefined;
      const minify = typeof output.minify === 'object' ? output.minify : {};
      const include = new RegExp(`^(${names.replaceAll(' ', '|')})$`);
      return { ...output, minify: { ...minify, mangleProps: { include } } };
    },
  };
}

/**
 * The callback script's IIFE as an arrow function (`(() => {…})()`): its body reads neither `this` nor
 * `arguments`, and the script's budget is counted in bytes.
 */
function arrowFunctionWrapper(): Plugin {
  const wrapper = '(function() {';
  return {
    name: 'arrow-function-wrapper',
    renderChunk: (code) => (code.startsWith(wrapper) ? `(() => {${code.slice(wrapper.length)}` : null),
  };
}

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
        react: 'src/react.ts',
        'frameworks/react-jsx': 'src/frameworks/react-jsx.ts',
        'frameworks/preact': 'src/frameworks/preact.ts',
        'frameworks/vue': 'src/frameworks/vue.ts',
        'frameworks/svelte': 'src/frameworks/svelte.ts',
        server: 'src/server.ts',
        'server-redis': 'src/server-redis.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external: [/^lit/, /^@lit\//, /^react/, /^node:/, 'oauth4webapi', 'ipaddr.js'] },
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
    rolldownOptions: {
      output: {
        // `window.OAuthConnect` is a plain object: no `Symbol.toStringTag` of 'Module' written onto it.
        generatedCode: { symbols: false },
      },
      plugins: [mangleInternalProperties()],
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
    rolldownOptions: { optimization: { inlineConst: true }, plugins: [arrowFunctionWrapper()] },
    emptyOutDir: false,
  },
};

/**
 * `vite build --mode translations`: each language of src/translations/ as dist/translations/<lang>.js, an IIFE
 * without imports or exports, so the one file is both the classic script a page loads after (or before) the
 * bundle and the ES module `oauth-connect/translations/<lang>`. An IIFE build takes one entry: one Vite
 * environment per language.
 */
function translationBuilds(): UserConfig {
  const languages = readdirSync('src/translations').map((file) => file.replace(/\.ts$/, ''));
  return {
    builder: {
      async buildApp(builder) {
        for (const lang of languages) await builder.build(builder.environments[lang]);
      },
    },
    environments: Object.fromEntries(
      languages.map((lang) => [
        lang,
        {
          build: {
            lib: {
              entry: `src/translations/${lang}.ts`,
              formats: ['iife'],
              name: 'OAuthConnectTranslation', // Vite wants one for an IIFE; nothing is exported to it
              fileName: () => `${lang}.js`,
            },
            outDir: 'dist/translations',
            minify: true,
            emptyOutDir: false,
          },
        },
      ]),
    ),
  };
}

export default defineConfig(({ mode }) => ({
  build: { target: 'es2022', ...builds[mode] },
  ...(mode === 'translations' ? translationBuilds() : {}),
  // The element's manifest and editor data (custom-elements.json, VS Code and JetBrains files) beside the modules.
  plugins: mode === 'modules' ? [elementDataFiles()] : [],
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
