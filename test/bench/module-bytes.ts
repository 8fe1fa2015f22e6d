import { gzipSync } from 'node:zlib';

/** Minified bytes of a bundle that its source map attributes to one source module. */
export interface ModuleBytes {
  module: string;
  bytes: number;
  /** Estimated share of the gzip -9 size: the module's own code gzipped alone, scaled to the whole file. */
  gzipShare: number;
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one segment of Base64 VLQ numbers (Source Map Revision 3, "mappings"). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** A readable name for a source path: `lit-html/lit-html.js` for packages, `src/…` for ours. */
function moduleName(source: string): string {
  const inPackage = source.lastIndexOf('node_modules/');
  return inPackage >= 0 ? source.slice(inPackage + 'node_modules/'.length) : source;
}

/**
 * Walks every mapping of the generated code, as source-map-explorer does: the characters from one mapped column to
 * the next belong to the source of the first. Characters no mapping covers are reported as `(unmapped)`.
 */
export function attributeBytes(code: string, map: SourceMap): ModuleBytes[] {
  const lines = code.split('\n');
  const chunks = new Map<string, string[]>();
  const add = (module: string, text: string) => {
    if (!text) return;
    const list = chunks.get(module) ?? [];
    list.push(text);
    chunks.set(module, list);
  };
  let sourceIndex = 0;
  map.mappings.split(';').forEach((lineMappings, lineNumber) => {
    const line = lines[lineNumber] ?? '';
    let column = 0;
    let covered = 0;
    let owner: string | undefined;
    for (const segment of lineMappings.split(',').filter(Boolean)) {
      const [columnDelta, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      add(owner ?? '(unmapped)', line.slice(covered, column));
      covered = column;
      if (sourceDelta === undefined) owner = undefined;
      else {
        sourceIndex += sourceDelta;
        owner = moduleName(map.sources[sourceIndex]);
      }
    }
    add(owner ?? '(unmapped)', line.slice(covered) + (lineNumber < lines.length - 1 ? '\n' : ''));
  });
  // Lines past the last mapping (the sourceMappingURL comment, when present) belong to no module.
  const mappedLines = map.mappings.split(';').length;
  add('(unmapped)', lines.slice(mappedLines).join('\n'));

  const whole = gzipSync(code, { level: 9 }).length;
  const alone = [...chunks].map(([module, texts]) => {
    const text = texts.join('');
    return { module, bytes: Buffer.byteLength(text), gzipAlone: gzipSync(text, { level: 9 }).length };
  });
  const sumAlone = alone.reduce((sum, entry) => sum + entry.gzipAlone, 0);
  return alone
    .map(({ module, bytes, gzipAlone }) => ({ module, bytes, gzipShare: Math.round((gzipAlone / sumAlone) * whole) }))
    .sort((a, b) => b.bytes - a.bytes);
}
