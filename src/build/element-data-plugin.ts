import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { vscodeCssData, vscodeHtmlData, webTypes } from './editor-data.js';
import { elementManifest } from './element-manifest.js';

/**
 * Writes the element's Custom Elements Manifest and the editor data made from it into the build's output:
 * `custom-elements.json`, `vscode.html-custom-data.json`, `vscode.css-custom-data.json` and `web-types.json`.
 * Build tooling only: never imported by the package.
 */
export function elementDataFiles(): Plugin {
  let root = '';
  return {
    name: 'element-data-files',
    configResolved(config) {
      root = config.root;
    },
    // Reading the types takes the compiler a few seconds, most of this build: expected, not worth a warning.
    options(options) {
      return { ...options, checks: { ...options.checks, bundlerTimings: false } };
    },
    async generateBundle() {
      const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { name: string; version: string };
      const manifest = await elementManifest(root);
      const files = {
        'custom-elements.json': manifest,
        'vscode.html-custom-data.json': vscodeHtmlData(manifest),
        'vscode.css-custom-data.json': vscodeCssData(manifest),
        'web-types.json': webTypes(manifest, pkg),
      };
      for (const [fileName, data] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName, source: `${JSON.stringify(data, null, 2)}\n` });
      }
    },
  };
}
