import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** The built script and, when asked, its source map. */
export interface BuiltScript {
  code: Buffer;
  map?: string;
}

/**
 * Builds `entry` exactly as `npm run build` builds our script-tag bundle: the project's own vite.config.ts in
 * `--mode bundle` (same bundler, minifier, target and IIFE format), with only the entry, global name and output
 * folder swapped. Anchors built here are therefore minified the same way as ours.
 */
export async function buildLikeOurBundle(
  entry: string,
  options: { sourcemap?: boolean; name?: string } = {},
): Promise<BuiltScript> {
  const outDir = mkdtempSync(join(tmpdir(), 'oauth-connect-bench-'));
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      mode: 'bundle',
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: true,
        sourcemap: options.sourcemap ?? false,
        lib: { entry: resolve(root, entry), name: options.name ?? 'BenchScript', fileName: () => 'script.js' },
      },
    });
    const file = join(outDir, 'script.js');
    return { code: readFileSync(file), map: options.sourcemap ? rootRelativeMap(`${file}.map`) : undefined };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The source map with its `sources` named from the repository root (`src/…`, `node_modules/…`). */
function rootRelativeMap(path: string): string {
  const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[] };
  map.sources = map.sources.map((source) => relative(root, resolve(dirname(path), source)));
  return JSON.stringify(map);
}

/** Path of a file inside an installed package, past its exports map. */
export function packageFile(packageName: string, file: string): string {
  // Resolve the package's entry and walk up to its folder: some packages do not export package.json.
  let folder = dirname(require.resolve(packageName));
  while (!folder.endsWith(join('node_modules', packageName))) folder = dirname(folder);
  return join(folder, file);
}

export function packageVersion(packageName: string): string {
  return (JSON.parse(readFileSync(packageFile(packageName, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Which bundler and minifier the project's build uses, for the report. */
export function toolchain(): string {
  return `vite ${packageVersion('vite')} (rolldown ${packageVersion('rolldown')}), vite.config.ts --mode bundle`;
}
