import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { elementProperties } from '../../src/element/element-properties.js';

/**
 * The framework typings type-checked as a Preact or Svelte 5 project would: strict, with each framework's own
 * JSX or template types. React 19 and Vue 3 are checked in test/e2e/frameworks.spec.ts, on apps built from
 * the packed package. Each usage file also holds `@ts-expect-error` lines, so typings that stopped typing
 * (an `any`, a lost augmentation) fail as surely as typings that refuse correct code.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const FORMAT: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

/** What `tsc -p <config>` reports, one line each. */
function typeErrors(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.formatDiagnostic(diagnostic, FORMAT));
      },
    },
  )!;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  return diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, FORMAT).trim());
}

describe('framework typings', { timeout: 120_000 }, () => {
  it('Preact: <oauth-connect> in JSX takes its attributes, `strings` and on<event> handlers with typed details', () => {
    expect(typeErrors(join(ROOT, 'test/apps/preact/tsconfig.json'))).toEqual([]);
  });

  it("Svelte 5: SvelteHTMLElements['oauth-connect'] types attributes and handlers, and refuses a false hyphenated boolean", () => {
    expect(typeErrors(join(ROOT, 'test/apps/svelte/tsconfig.json'))).toEqual([]);
  });

  it('every attribute the element observes is typed for the frameworks, and no attribute it does not', async () => {
    // Lit's rule: `attribute: false` has none, a string names it, and otherwise it is the lower-cased property.
    const declared = Object.entries(elementProperties).flatMap(([property, { attribute }]) =>
      attribute === false ? [] : [typeof attribute === 'string' ? attribute : property.toLowerCase()],
    );
    expect(declared).toContain('authorize-url');
    const dir = await mkdtemp(join(tmpdir(), 'oauth-connect-attributes-'));
    try {
      const types = join(ROOT, 'src/frameworks/element-types.js');
      const check = [
        `import type { OAuthConnectAttributes } from ${JSON.stringify(types)};`,
        `type Declared = ${declared.map((name) => JSON.stringify(name)).join(' | ')};`,
        `type Typed = Exclude<keyof OAuthConnectAttributes, 'strings'>;`,
        `export const untyped: [Exclude<Declared, Typed>] extends [never] ? true : Exclude<Declared, Typed> = true;`,
        `export const unknown: [Exclude<Typed, Declared>] extends [never] ? true : Exclude<Typed, Declared> = true;`,
      ].join('\n');
      await writeFile(join(dir, 'check.ts'), check);
      const options = { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'Bundler', types: [] };
      const lib = ['ES2022', 'DOM', 'DOM.Iterable'];
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { ...options, target: 'ES2022', lib }, files: ['check.ts'] }),
      );
      expect(typeErrors(join(dir, 'tsconfig.json'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
