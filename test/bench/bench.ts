/**
 * `npm run bench`: sizes and popup latency, ours beside the budgets and beside the anchors measured in
 * this same run. Exits non-zero when a budget is exceeded.
 */
import { litBaseline } from './lit-baseline.js';
import { popupLatency } from './popup-latency.js';
import { anchorSizes, ownSizes, type SizeFigure } from './sizes.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

function printSizes(title: string, figures: SizeFigure[]): number {
  console.log(`\n${title}`);
  let over = 0;
  for (const figure of figures) {
    const verdict =
      figure.budget === undefined
        ? ''
        : figure.gzip <= figure.budget
          ? `  within budget ${kb(figure.budget)}`
          : `  OVER budget ${kb(figure.budget)}`;
    if (figure.budget !== undefined && figure.gzip > figure.budget) over++;
    console.log(
      `  ${figure.name.padEnd(58)} ${kb(figure.gzip).padStart(9)} gzip  ${kb(figure.bytes).padStart(9)} raw${verdict}`,
    );
  }
  return over;
}

const over =
  printSizes('Size (gzip -9)', ownSizes()) +
  printSizes('Anchors, as each ships for a script tag (gzip -9)', [await litBaseline(), ...anchorSizes()]);

console.log('\nClick → popup starts loading the authorize URL (median of 15, Chromium)');
for (const { name, ms } of await popupLatency()) console.log(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(7)} ms`);

if (over) {
  console.log(`\n${over} figure(s) over budget`);
  process.exit(1);
}
