import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * Every ```ts block of the README compiles under `strict` against the package's own types: `oauth-connect`,
 * `oauth-connect/server`, … resolve as `package.json`'s `exports` map says, to the sources its declarations
 * are built from. A block written as a fragment on purpose is preceded by `<!-- not-typechecked: why -->`.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP_MARK = /<!--\s*not-typechecked:.*-->\s*$/;

interface Snippet {
  /** The README line of the opening fence. */
  line: number;
  code: string;
}

function typescriptSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  for (const match of markdown.matchAll(/^```(?:ts|typescript)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    const before = markdown.slice(0, match.index);
    const previousLine = before.trimEnd().split('\n').at(-1) ?? '';
    if (SKIP_MARK.test(previousLine)) continue;
    snippets.push({ line: before.split('\n').length, code: match[1]! });
  }
  return snippets;
}

/** `oauth-connect/server` → `src/server.ts`: each entry's declarations are emitted from `src/<name>.ts`. */
function packagePaths(): Record<string, string[]> {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { types?: string }>;
  };
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const types = typeof target === 'object' ? target.types : undefined;
    const source = types?.match(/^\.\/dist\/(.+)\.d\.ts$/)?.[1];
    if (source) paths[`${pkg.name}${subpath.slice(1)}`] = [resolve(root, 'src', `${source}.ts`)];
  }
  return paths;
}

/** Compiles the snippets as modules of one program; answers each error as `README.md:<line>: <message>`. */
function typecheck(snippets: Snippet[]): string[] {
  const { config } = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    strict: true,
    noEmit: true,
    noUnusedLocals: false, // a snippet may set up more than it goes on to use
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths: packagePaths(),
  };
  const files = new Map(snippets.map((snippet) => [resolve(root, `readme-line-${snippet.line}.ts`), snippet]));
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file)?.code ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const snippet = files.get(file);
    return snippet ? ts.createSourceFile(file, snippet.code, language) : getSourceFile(file, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  return [...files].flatMap(([file, snippet]) => {
    const source = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((error) => {
      const { line } = source.getLineAndCharacterOfPosition(error.start ?? 0);
      return `README.md:${snippet.line + 1 + line}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`;
    });
  });
}

describe('README TypeScript snippets', () => {
  const snippets = typescriptSnippets(readFileSync(resolve(root, 'README.md'), 'utf8'));

  test('the README has TypeScript snippets to check', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  test('every one typechecks under strict against the package types', { timeout: 60_000 }, () => {
    expect(typecheck(snippets)).toEqual([]);
  });

  test('a wrong snippet is caught, with its README line', { timeout: 60_000 }, () => {
    const wrong = { line: 10, code: "import { connect } from 'oauth-connect/headless';\nconnect({ clientId: 42 });\n" };
    expect(typecheck([wrong])).toEqual([expect.stringMatching(/^README\.md:12: /)]);
  });
});
