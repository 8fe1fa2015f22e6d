import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * What `npm pack` puts in the package, after `npm run build`. Both run in a copy of the repository (its
 * node_modules linked), so this tree's dist/, which other test runs read, stays as it is, and so this test
 * can run before `npm test` builds.
 */

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Not part of the repository's sources: what installs, builds and test runs leave behind. */
const LEFT_BEHIND = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report']);
const EDITOR_DATA = ['vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'web-types.json'];

interface PackageJson {
  main: string;
  types: string;
  customElements: string;
  'web-types': string;
  exports: Record<string, unknown>;
}

let copy: string;
let pkg: PackageJson;
/** The paths `npm pack --dry-run` lists. */
let shipped: Set<string>;

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'oauth-connect-pack-'));
  cpSync(root, copy, { recursive: true, filter: (from) => dirname(from) !== root || !LEFT_BEHIND.has(basename(from)) });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  await run('npm', ['run', 'build'], { cwd: copy, maxBuffer: 64 * 1024 * 1024 });
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: copy });
  const [report] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  shipped = new Set(report.files.map(({ path }) => path));
  pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as PackageJson;
}, 300_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Every file (or `*` pattern) an `exports` entry names, whatever its conditions; `null` excludes. */
const targets = (entry: unknown): string[] =>
  typeof entry === 'string' ? [entry] : entry ? Object.values(entry).flatMap(targets) : [];

/** `dist/translations/*.js` matches the shipped files it stands for; a plain path, itself. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.+')}$`);

const normalize = (path: string) => posix.normalize(path).replace(/^\.\//, '');

describe('npm pack', () => {
  test('ships every file the exports map, main, types, customElements and web-types name, built', () => {
    const named = [...targets(pkg.exports), pkg.main, pkg.types, pkg.customElements, pkg['web-types']].map(normalize);
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((path) => ![...shipped].some((file) => patternOf(path).test(file)));
    expect(missing).toEqual([]);
    expect(named.filter((path) => !path.includes('*') && !existsSync(join(copy, path)))).toEqual([]);
  });

  test('ships LICENSE, README and the manifest with the editor data made from it', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/custom-elements.json']) {
      expect(shipped, file).toContain(file);
    }
    for (const file of EDITOR_DATA) expect(shipped, file).toContain(`dist/${file}`);
    const manifest = JSON.parse(readFileSync(join(copy, 'dist/custom-elements.json'), 'utf8'));
    expect(manifest.modules[0].declarations[0]).toMatchObject({ tagName: 'oauth-connect' });
    expect(readFileSync(join(copy, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 oauth-connect/);
  });

  test('ships declarations whose relative imports all resolve inside the package', () => {
    const declarations = [...shipped].filter((path) => path.endsWith('.d.ts'));
    const unresolved = declarations.flatMap((path) => {
      const text = readFileSync(join(copy, path), 'utf8');
      return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)]
        .map(([, specifier]) => posix.join(posix.dirname(path), `${specifier}.d.ts`))
        .filter((target) => !shipped.has(target))
        .map((target) => `${path} → ${target}`);
    });
    expect(declarations).toContain('dist/types/element-events.d.ts');
    expect(unresolved).toEqual([]);
  });

  test('ships no tests, demo, TypeScript sources, source maps, build tooling or dotfiles', () => {
    const unwanted = [...shipped].filter(
      (path) =>
        /^(src|test|demo)\//.test(path) ||
        (path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
        path.endsWith('.map') ||
        path.startsWith('dist/build/') ||
        path.split('/').some((part) => part.startsWith('.')),
    );
    expect(unwanted).toEqual([]);
    expect([...shipped].every((path) => /^(dist\/|LICENSE$|README\.md$|package\.json$)/.test(path))).toBe(true);
  });

  test('ships declarations that type a page: the tag, the detail of each event, the headless options', () => {
    // Imported by the package's own name, so `exports` leads to the built declarations, as in an app.
    const page = join(copy, 'typed-page.ts');
    writeFileSync(
      page,
      `import { OAuthConnectElement, type OAuthConnectEventDetail } from 'oauth-connect';
import { connect } from 'oauth-connect/headless';
const element: OAuthConnectElement = document.querySelector('oauth-connect')!;
element.addEventListener('oauth-connect-error', ({ detail }) => detail.code.toUpperCase());
document.addEventListener('oauth-connect-success', ({ detail }) => detail.status);
window.addEventListener('oauth-connect-cancel', ({ detail }) => detail.reason === 'aborted');
const reason: OAuthConnectEventDetail<'oauth-connect-cancel'>['reason'] = 'popup_closed';
void connect({ authorizeUrl: reason, clientId: '', redirectUri: '' });
// @ts-expect-error: typed, not any
element.addEventListener('oauth-connect-code', ({ detail }) => detail.notADetailField);
`,
    );
    const program = ts.createProgram([page], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((error) => ts.flattenDiagnosticMessageText(error.messageText, ' '));
    expect(program.getSourceFile(join(copy, 'dist/types/element-events.d.ts'))).toBeDefined();
    expect(errors).toEqual([]);
  });
});
