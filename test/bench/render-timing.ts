import type { Browser } from 'playwright';
import { RENDER_COUNT } from './bench-pages.js';
import type { BenchSite } from './bench-site.js';
import { printTable, printUnavailable, ratio, spread, spreadCells, spreadHeader, type Verdict } from './report.js';

export const RENDER_BUDGET = 1.5;

interface RenderSample {
  elapsed: number;
  defined: string[];
  rendered: number;
  height: number;
}

const contestants = [
  { name: 'oauth-connect (ours)', path: '/render/ours.html' },
  { name: 'bare Lit element, same button', path: '/render/lit.html' },
];

/** 1,000 elements define + first render + layout, ours beside a bare Lit element, interleaved, fresh page each. */
export async function renderSection(browser: Browser, site: BenchSite, runs: number): Promise<Verdict> {
  const title = `RENDER: ms to define + first render + lay out ${RENDER_COUNT.toLocaleString('en-US')} elements already in the page`;
  const budget = `ours <= ${RENDER_BUDGET} × bare Lit (medians)`;
  const samples = contestants.map(() => [] as number[]);
  const notes = new Set<string>();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    for (let run = 0; run < runs; run++) {
      for (let index = 0; index < contestants.length; index++) {
        const which = (index + run) % contestants.length;
        await page.goto(`${site.app}${contestants[which].path}`);
        // The page before left its garbage in the same heap: collected now, no sample pays for another's.
        await page.evaluate('globalThis.gc?.()');
        const sample = (await page.evaluate('window.benchRender()')) as RenderSample;
        if (sample.rendered !== RENDER_COUNT || sample.defined.length === 0)
          throw new Error(
            `${contestants[which].name}: defined [${sample.defined}], rendered ${sample.rendered} of ${RENDER_COUNT}`,
          );
        notes.add(`${contestants[which].name}: defines ${sample.defined.join(', ')}; page ${sample.height} px high`);
        samples[which].push(sample.elapsed);
      }
    }
  } catch (error) {
    return { name: budget, detail: printUnavailable(title, error) };
  } finally {
    await context.close();
  }
  const [ours, lit] = samples.map(spread);
  // Each run's two samples share the machine's state at that moment: their ratio is steadier under load.
  const paired = spread(samples[0].map((sample, run) => sample / samples[1][run]));
  const pass = ours.median <= RENDER_BUDGET * lit.median;
  printTable(
    title,
    ['contestant', ...spreadHeader, 'budget', 'ours ÷ this', 'verdict'],
    [
      [contestants[0].name, ...spreadCells(ours), `<= ${RENDER_BUDGET}×`, '', pass ? 'PASS' : 'MISS'],
      [contestants[1].name, ...spreadCells(lit), '', ratio(ours.median, lit.median), ''],
    ],
    [
      `Chromium, ${runs} runs each, interleaved, a fresh page per run; both scripts built the same way (vite, IIFE).`,
      'Timed in the page: from customElements.define (held back until then) to every updateComplete, then a forced',
      'layout (document.body.offsetHeight). Ours carries its usual configuration attributes; Lit draws the same button.',
      'Before each sample the heap is collected (gc(), Chromium runs with --expose-gc): none pays for the page before.',
      `Median of the ${runs} per-run ratios ours ÷ Lit: ${paired.median.toFixed(2)}× (p25 ${paired.p25.toFixed(2)}×,` +
        ` p75 ${paired.p75.toFixed(2)}×); the budget is checked on the ratio of the medians.`,
      ...notes,
    ],
  );
  return {
    name: budget,
    pass,
    detail: `${ratio(ours.median, lit.median)} (${ours.median.toFixed(1)} ms ÷ ${lit.median.toFixed(1)} ms)`,
  };
}
