/** Figures, their statistics and the plain-text tables the bench prints. */
import { stripVTControlCharacters } from 'node:util';

/** One budget the bench checks: PASS, MISS, or not taken (with the reason). */
export interface Verdict {
  name: string;
  pass?: boolean;
  detail: string;
}

export interface Spread {
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

/** Quantile by linear interpolation between the closest ranks. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

export const bytes = (value: number) => value.toLocaleString('en-US');
export const ms = (value: number) => value.toFixed(1);
export const ratio = (ours: number, anchor: number) => (anchor > 0 ? `${(ours / anchor).toFixed(2)}×` : '—');

/** The columns every timing table shares: median, quartiles and extremes, in milliseconds. */
export const spreadHeader = ['median ms', 'p25 ms', 'p75 ms', 'min ms', 'max ms', 'n'];
export function spreadCells(figure: Spread): string[] {
  return [ms(figure.median), ms(figure.p25), ms(figure.p75), ms(figure.min), ms(figure.max), String(figure.n)];
}

/** Prints a section: a title, notes, and a table whose numeric-looking columns are right-aligned. */
export function printTable(title: string, header: string[], rows: string[][], notes: string[] = []): void {
  console.log(`\n${title}`);
  for (const note of notes) console.log(`  ${note}`);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.every((row) => /^[-+\d.,×%— ]*$/.test(row[column] ?? '')));
  const line = (row: string[]) =>
    '  ' +
    row
      .map((cell, column) =>
        numeric[column] && column > 0 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

/** A section that could not be measured says why, and its budgets are reported as not taken. */
export function printUnavailable(title: string, error: unknown): string {
  // Bundler errors come coloured and several lines long: keep the headline and the first error it names.
  const text = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
  const reason = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
  console.log(`\n${title}\n  NOT MEASURED: ${reason}`);
  return reason;
}
