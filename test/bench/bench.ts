/**
 * `npm run bench`: every figure beside its budget and its anchors, all measured in this one run.
 * Exit code: 1 when a budget is missed; 2 when the bench itself failed or a budgeted figure could not be taken
 * (and none was missed); 0 otherwise.
 */
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../browsers.js';
import { leakSection } from './attempt-leaks.js';
import { startBenchSite } from './bench-site.js';
import { popupTimingSections } from './popup-timing.js';
import { renderSection, RENDER_BUDGET } from './render-timing.js';
import { printUnavailable, type Verdict } from './report.js';
import { buildAnchors, moduleBytesSection, sizeSection } from './sizes.js';

const RUNS = { latency: 11, cancel: 7, render: 11, attempts: 100 };

async function launchChromium(): Promise<Browser> {
  const options = chromiumLaunchOptions();
  // gc() in the page lets the leak count skip listeners whose targets are already garbage.
  return chromium.launch({ ...options, args: [...(options.args ?? []), '--js-flags=--expose-gc'] });
}

async function timed<T>(section: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await section();
  console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return result;
}

async function browserSections(anchorScripts: Record<string, Buffer | undefined>): Promise<Verdict[]> {
  const site = await startBenchSite(anchorScripts);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await site.close();
    const reason = printUnavailable('BROWSER SECTIONS: Chromium did not start', error);
    return [
      { name: `render: ours <= ${RENDER_BUDGET} × bare Lit`, detail: reason },
      { name: `leftovers after ${RUNS.attempts} attempts: 0`, detail: reason },
      { name: 'click → authorize and popup closed → cancel figures', detail: reason },
    ];
  }
  try {
    console.log(`\nChromium ${browser.version()}, app ${site.app}, provider ${site.provider}`);
    const popupFigures = await timed(() => popupTimingSections(browser, site, RUNS));
    const render = await timed(() => renderSection(browser, site, RUNS.render));
    const leaks = await timed(() => leakSection(browser, site, RUNS.attempts));
    return [...popupFigures, render, ...leaks];
  } finally {
    await browser.close();
    await site.close();
  }
}

function printBudgets(verdicts: Verdict[]): number {
  console.log('\nBUDGETS (and figures that could not be taken)');
  for (const { name, pass, detail } of verdicts) {
    const mark = pass === undefined ? 'NOT TAKEN' : pass ? 'PASS' : 'MISS';
    console.log(`  ${mark.padEnd(9)}  ${name}: ${detail}`);
  }
  const missed = verdicts.filter((verdict) => verdict.pass === false).length;
  const notTaken = verdicts.filter((verdict) => verdict.pass === undefined).length;
  console.log(
    `\n${verdicts.length - missed - notTaken} passed, ${missed} missed, ${notTaken} not taken` +
      ` (exit ${missed ? 1 : notTaken ? 2 : 0})`,
  );
  return missed ? 1 : notTaken ? 2 : 0;
}

async function main(): Promise<number> {
  const started = Date.now();
  console.log(
    `oauth-connect bench, ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs,` +
      ` load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
  );
  const anchors = await buildAnchors();
  const verdicts = sizeSection(anchors);
  await moduleBytesSection();
  const scripts = Object.fromEntries([...anchors].map(([key, anchor]) => [key, anchor.code]));
  verdicts.push(...(await browserSections(scripts)));
  console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return printBudgets(verdicts);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('\nThe bench itself failed:', error);
    process.exit(2);
  },
);
