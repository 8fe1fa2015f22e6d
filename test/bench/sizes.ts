import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { attributeBytes } from './module-bytes.js';
import { bytes, printTable, printUnavailable, ratio, type Verdict } from './report.js';
import { buildLikeOurBundle, packageVersion, toolchain } from './same-build.js';

const root = resolve(import.meta.dirname, '../..');
const gzip9 = (code: Buffer | string) => gzipSync(code, { level: 9 }).length;

/** A library built from its npm package with our bundle's build, for sizes and for the browser sections. */
export interface Anchor {
  key: 'lit' | 'oidc' | 'msal' | 'auth0' | 'hello' | 'litButton';
  label: string;
  code?: Buffer;
  error?: unknown;
}

const anchorEntries: [key: Anchor['key'], packageName: string, entry: string, what: string][] = [
  ['lit', 'lit', 'lit-alone.ts', 'alone (a minimal LitElement)'],
  ['oidc', 'oidc-client-ts', 'oidc-client-ts.ts', '(whole API)'],
  ['msal', '@azure/msal-browser', 'msal-browser.ts', '(whole API)'],
  ['auth0', '@auth0/auth0-spa-js', 'auth0-spa-js.ts', '(whole API)'],
  ['hello', 'hellojs', 'hellojs.ts', '(core, no provider modules)'],
  ['litButton', 'lit', 'lit-button.ts', 'bare element drawing our button (render baseline)'],
];

export async function buildAnchors(): Promise<Map<Anchor['key'], Anchor>> {
  const anchors = new Map<Anchor['key'], Anchor>();
  for (const [key, packageName, entry, what] of anchorEntries) {
    const label = `${packageName} ${packageVersion(packageName)} ${what}`;
    try {
      anchors.set(key, { key, label, code: (await buildLikeOurBundle(`test/bench/anchors/${entry}`)).code });
    } catch (error) {
      anchors.set(key, { key, label, error });
    }
  }
  return anchors;
}

const BUNDLE = { file: 'dist/oauth-connect.bundle.js', budget: 12_288 };
const CALLBACK = { file: 'dist/oauth-connect-callback.js', budget: 800 };

function ownFile(file: string): Buffer | Error {
  try {
    return readFileSync(resolve(root, file));
  } catch (error) {
    return new Error(`${file} could not be read (${(error as Error).message}); did npm run build succeed?`);
  }
}

/** Prints our two script-tag files beside their budgets and the anchors; returns the two verdicts. */
export function sizeSection(anchors: Map<Anchor['key'], Anchor>): Verdict[] {
  const bundle = ownFile(BUNDLE.file);
  const callback = ownFile(CALLBACK.file);
  const bundleGzip = bundle instanceof Error ? NaN : gzip9(bundle);
  const rows: string[][] = [];
  const verdicts: Verdict[] = [];
  for (const [{ file, budget }, code] of [
    [BUNDLE, bundle],
    [CALLBACK, callback],
  ] as const) {
    if (code instanceof Error) {
      rows.push([`${file} (ours)`, 'not measured', '', bytes(budget), 'NOT TAKEN', '']);
      verdicts.push({ name: `${file} gzip -9 <= ${bytes(budget)} B`, detail: code.message });
      continue;
    }
    const size = gzip9(code);
    const pass = size <= budget;
    rows.push([`${file} (ours)`, bytes(size), bytes(code.length), bytes(budget), pass ? 'PASS' : 'MISS', '']);
    verdicts.push({ name: `${file} gzip -9 <= ${bytes(budget)} B`, pass, detail: `${bytes(size)} B` });
  }
  for (const anchor of anchors.values()) {
    if (anchor.key === 'litButton') continue;
    if (!anchor.code) {
      const reason = String(anchor.error).split('\n')[0];
      rows.push([`anchor: ${anchor.label}`, 'not built', '', '', '', reason]);
      verdicts.push({ name: `anchor ${anchor.label} built`, detail: reason });
      continue;
    }
    const size = gzip9(anchor.code);
    rows.push([`anchor: ${anchor.label}`, bytes(size), bytes(anchor.code.length), '—', '', ratio(bundleGzip, size)]);
  }
  printTable(
    'SIZE: script-tag files, in bytes (B), gzip level 9',
    ['file', 'gzip -9 B', 'minified B', 'budget B', 'verdict', 'bundle ÷ anchor'],
    rows,
    [
      `Every anchor is built from its npm package with our bundle's build: ${toolchain()},`,
      'IIFE, target es2022, same minifier; then gzip level 9 (node:zlib), like ours.',
    ],
  );
  return verdicts;
}

/** Rebuilds our bundle with a source map and prints the minified bytes each source module contributes. */
export async function moduleBytesSection(): Promise<void> {
  const title = 'SIZE BY MODULE: dist/oauth-connect.bundle.js, minified bytes (B) per source module, largest first';
  try {
    const built = await buildLikeOurBundle('src/oauth-connect.ts', { sourcemap: true, name: 'OAuthConnect' });
    const code = built.code.toString().replace(/\n?\/\/# sourceMappingURL=.*\n?$/, '');
    const shipped = ownFile(BUNDLE.file);
    const same = !(shipped instanceof Error) && shipped.toString().trimEnd() === code.trimEnd();
    const modules = attributeBytes(code, JSON.parse(built.map!));
    const total = modules.reduce((sum, entry) => sum + entry.bytes, 0);
    printTable(
      title,
      ['module', 'minified B', 'share', '≈ gzip -9 B'],
      modules.map(({ module, bytes: size, gzipShare }) => [
        module,
        bytes(size),
        `${((size / total) * 100).toFixed(1)}%`,
        bytes(gzipShare),
      ]),
      [
        'From the source map of the same build (vite.config.ts --mode bundle, sourcemap on); the gzip column is each',
        "module's code gzipped alone, scaled so the column adds up to the whole file's gzip -9 size (an estimate).",
        same
          ? 'The rebuilt code is byte-identical to dist/oauth-connect.bundle.js.'
          : 'NOTE: the rebuilt code differs from dist/oauth-connect.bundle.js (src/ changed since the build?).',
      ],
    );
  } catch (error) {
    printUnavailable(title, error);
  }
}
