import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizeFigure {
  name: string;
  bytes: number;
  gzip: number;
  budget?: number;
}

const require = createRequire(import.meta.url);

export function measure(name: string, path: string, budget?: number): SizeFigure {
  const source = readFileSync(path);
  return { name, bytes: source.length, gzip: gzipSync(source, { level: 9 }).length, budget };
}

/** Our files (CONTRACT section 6), gzipped, with the budgets of issue 2. */
export function ownSizes(): SizeFigure[] {
  return [
    measure('dist/oauth-connect.bundle.js (script tag, Lit inside)', 'dist/oauth-connect.bundle.js', 8 * 1024),
    measure('dist/oauth-connect-callback.js (callback script)', 'dist/oauth-connect-callback.js', 1024),
    measure('dist/oauth-connect.js (ES module, lit external)', 'dist/oauth-connect.js'),
    measure('dist/callback.js (ES module)', 'dist/callback.js'),
    measure('dist/server.js (ES module, Node)', 'dist/server.js'),
  ];
}

/** The popup-capable libraries we compete with, as each ships for a script tag, measured in the same run. */
/** Path of a file inside an installed package, past its exports map. */
export function packageFile(packageName: string, file: string): string {
  // Resolve the package's entry and walk up to its folder: some packages do not export package.json.
  let folder = dirname(require.resolve(packageName));
  while (!folder.endsWith(join('node_modules', packageName))) folder = dirname(folder);
  return join(folder, file);
}

export function anchorSizes(): SizeFigure[] {
  const anchors: [packageName: string, file: string, note: string][] = [
    ['oidc-client-ts', 'dist/browser/oidc-client-ts.min.js', ''],
    ['@azure/msal-browser', 'lib/msal-browser.min.js', ''],
    ['@auth0/auth0-spa-js', 'dist/auth0-spa-js.production.js', ''],
    ['hellojs', 'dist/hello.min.js', ' (core, no providers)'],
  ];
  return anchors.map(([packageName, file, note]) => {
    const { version } = JSON.parse(readFileSync(packageFile(packageName, 'package.json'), 'utf8')) as {
      version: string;
    };
    return measure(`${packageName} ${version}${note}`, packageFile(packageName, file));
  });
}
