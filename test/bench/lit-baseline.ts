import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { measure, packageFile, type SizeFigure } from './sizes.js';

/** Builds a minimal Lit element the way our script-tag bundle is built, and measures it. */
export async function litBaseline(): Promise<SizeFigure> {
  const outDir = mkdtempSync(join(tmpdir(), 'lit-baseline-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      target: 'es2022',
      lib: {
        entry: join(import.meta.dirname, 'lit-only.ts'),
        formats: ['iife'],
        name: 'LitOnly',
        fileName: () => 'lit-only.js',
      },
    },
  });
  const { version } = JSON.parse(readFileSync(packageFile('lit', 'package.json'), 'utf8')) as { version: string };
  return measure(`lit ${version} alone (a minimal LitElement, built the same way)`, join(outDir, 'lit-only.js'));
}
