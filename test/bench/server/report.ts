/** Figures of one phase of one round, and the tables the bench prints from them. */

export type Phase = 'start' | 'exchange';

export interface RoundFigure {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
}

export interface ModeFigures {
  name: string;
  /** Why the mode could not run at all (its row shows this instead of figures). */
  unavailable?: string;
  rounds: Record<Phase, RoundFigure[]>;
  /** Non-2xx answers and network errors, over every round: any makes the mode's figures invalid. */
  failures: number;
  failureSamples: string[];
}

/** The value at quantile `q` of ascending `sorted` (nearest rank). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median with the min-max spread, e.g. `1234 (1180-1302)`. */
function spread(values: number[], digits: number): string {
  const fixed = (value: number) => value.toFixed(digits);
  return `${fixed(median(values))} (${fixed(Math.min(...values))}-${fixed(Math.max(...values))})`;
}

/** Per-round ratios ours/anchor (rounds are interleaved, so round i of each ran side by side), then their median. */
function ratios(ours: RoundFigure[], anchor: RoundFigure[], pick: (figure: RoundFigure) => number): number[] {
  const count = Math.min(ours.length, anchor.length);
  return Array.from({ length: count }, (_, i) => pick(ours[i]) / pick(anchor[i]));
}

const COLUMNS = ['mode', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'CPU ÷ anchor', 'req/s ÷ anchor'];
const WIDTHS = [20, 22, 20, 20, 22, 18, 18];
const row = (cells: string[]) =>
  cells.map((cell, i) => (i ? cell.padStart(WIDTHS[i]) : cell.padEnd(WIDTHS[i]))).join(' ');

/** One phase's table; `anchor` is the row the ratios are taken against. Returns the lines. */
export function phaseTable(phase: Phase, modes: ModeFigures[], anchor: ModeFigures): string[] {
  const lines = [row(COLUMNS)];
  for (const mode of modes) {
    if (mode.unavailable) {
      lines.push(`${mode.name.padEnd(WIDTHS[0])} n/a: ${mode.unavailable}`);
      continue;
    }
    const figures = mode.rounds[phase];
    const cells = [
      mode.name + (mode.failures ? ' INVALID' : ''),
      spread(
        figures.map((f) => f.requestsPerSecond),
        0,
      ),
      spread(
        figures.map((f) => f.p50Ms),
        2,
      ),
      spread(
        figures.map((f) => f.p99Ms),
        2,
      ),
      spread(
        figures.map((f) => f.cpuMicrosPerRequest),
        0,
      ),
    ];
    if (mode === anchor) cells.push('1.00', '1.00');
    else if (anchor.unavailable || !anchor.rounds[phase].length) cells.push('-', '-');
    else {
      cells.push(
        spread(
          ratios(figures, anchor.rounds[phase], (f) => f.cpuMicrosPerRequest),
          2,
        ),
      );
      cells.push(
        spread(
          ratios(figures, anchor.rounds[phase], (f) => f.requestsPerSecond),
          2,
        ),
      );
    }
    lines.push(row(cells));
  }
  return lines;
}

/** PASS when the median per-round CPU ratio of both phases is at or below 1; OVER otherwise. */
export function budgetVerdict(mode: ModeFigures, anchor: ModeFigures): string {
  if (mode.unavailable) return 'n/a (did not run)';
  if (anchor.unavailable) return 'n/a (anchor did not run)';
  const parts = (['start', 'exchange'] as const).map((phase) => {
    const ratio = median(ratios(mode.rounds[phase], anchor.rounds[phase], (f) => f.cpuMicrosPerRequest));
    return { phase, ratio };
  });
  const verdict = parts.every(({ ratio }) => ratio <= 1) ? 'PASS' : 'OVER';
  const detail = parts.map(({ phase, ratio }) => `${phase} ×${ratio.toFixed(2)}`).join(', ');
  return `${verdict} (${detail})${mode.failures ? ' — INVALID: the run had errors' : ''}`;
}
