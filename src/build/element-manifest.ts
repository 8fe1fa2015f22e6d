import type { Plugin } from '@custom-elements-manifest/analyzer';
import type { Package } from 'custom-elements-manifest/schema';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import { elementProperties, propertyDefaults } from '../element/element-properties.js';
import { manifestPlugins } from './manifest-plugins.js';
import { readSourceTypes } from './source-types.js';

/** Where the element's public surface is written down. */
const SOURCES = {
  elementFile: 'src/oauth-connect-element.ts',
  className: 'OAuthConnectElement',
  defineFile: 'src/define.ts',
  stylesFile: 'src/oauth-connect-styles.ts',
  eventMapFile: 'src/element/connect-controller.ts',
  eventMapName: 'OAuthConnectEventMap',
};

/** The module that registers the element, as `package.json` ships it. */
export const ELEMENT_ENTRY = 'dist/oauth-connect.js';

// The analyzer's own `index.d.ts` leaves out what its `index.js` exports; these are the parts used here.
interface Analyzer {
  create(options: { modules: TypeScript.SourceFile[]; plugins: Plugin[] }): Package;
  /** Its own TypeScript: the syntax trees it reads must come from the same version. */
  ts: typeof TypeScript;
}
const ANALYZER = '@custom-elements-manifest/analyzer';
const LIT_PLUGIN = '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

/**
 * The Custom Elements Manifest of `<oauth-connect>`, from its source and doc comments: the class JSDoc gives
 * events, slots, parts and custom properties; the properties table in `element-properties.ts` gives the
 * attributes, and `propertyDefaults` their defaults; the compiler gives types.
 */
export async function elementManifest(root: string): Promise<Package> {
  const { create, ts } = (await import(ANALYZER)) as unknown as Analyzer;
  const { litPlugin } = (await import(LIT_PLUGIN)) as { litPlugin(): Plugin[] };
  const read = (file: string) => readFileSync(resolve(root, file), 'utf8');
  const modules = [SOURCES.elementFile, SOURCES.defineFile].map((file) =>
    ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true),
  );
  const plugins = manifestPlugins({
    properties: elementProperties,
    defaults: propertyDefaults,
    types: readSourceTypes(root, SOURCES),
    styles: read(SOURCES.stylesFile),
    entry: ELEMENT_ENTRY,
  });
  const manifest = create({ modules, plugins: [...litPlugin(), ...plugins] });
  return { ...manifest, readme: 'README.md' };
}
