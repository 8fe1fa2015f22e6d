import type { Browser, Page } from 'playwright';
import { clickCentre, popupContestants, type PopupContestant } from './bench-pages.js';
import type { BenchSite } from './bench-site.js';
import {
  printTable,
  printUnavailable,
  ratio,
  spread,
  spreadCells,
  spreadHeader,
  type Spread,
  type Verdict,
} from './report.js';

// Polling on a timer: the opener is in the background while its popup is up, where animation frames stop.
const WAIT = { timeout: 10_000, polling: 20 };

interface ProbeState {
  clickAt: number;
  opened: string[];
  authorize?: { fetchStart: number; requestStart: number };
  endedAt: number;
  endKind: string;
}

const readProbe = (page: Page) => page.evaluate('window.benchProbe') as Promise<ProbeState>;

/** Clicks the contestant's button and waits until its popup has requested and loaded the authorize URL. */
async function openPopup(page: Page, site: BenchSite, contestant: PopupContestant): Promise<Page> {
  site.authorizeMode = 'wait';
  await page.goto(`${site.app}${contestant.path}`);
  const popup = page.waitForEvent('popup', WAIT);
  await clickCentre(page, contestant.click);
  const opened = await popup;
  await page.waitForFunction('window.benchProbe.authorize', null, WAIT);
  return opened;
}

/** How long the user looks at the provider's page before closing it: a person takes at least this long. */
export const READING_MS = 800;

interface Samples {
  latency: number[];
  cancel: number[];
  firstOpen: Set<string>;
  ends: Set<string>;
}

type Figure = (figures: Samples) => [Spread, string];
type Measure = (page: Page, site: BenchSite, contestant: PopupContestant, figures: Samples) => Promise<void>;

async function clickToAuthorize(page: Page, site: BenchSite, contestant: PopupContestant, figures: Samples) {
  const popup = await openPopup(page, site, contestant);
  const probe = await readProbe(page);
  figures.latency.push(probe.authorize!.requestStart - probe.clickAt);
  figures.firstOpen.add(probe.opened[0]?.startsWith(site.provider) ? 'the authorize URL' : probe.opened[0]);
  await popup.close();
}

async function closedToEnd(page: Page, site: BenchSite, contestant: PopupContestant, figures: Samples) {
  const popup = await openPopup(page, site, contestant);
  await popup.waitForTimeout(READING_MS);
  const closedAt = (await page.evaluate('window.benchProbe.now()')) as number;
  await popup.close();
  await page.waitForFunction('window.benchProbe.endedAt > 0', null, WAIT);
  const ended = await readProbe(page);
  figures.cancel.push(ended.endedAt - closedAt);
  figures.ends.add(ended.endKind);
}

/** Runs `measure` for every contestant, `runs` times, interleaved, the order rotated each run. */
async function interleave(page: Page, site: BenchSite, runs: number, samples: Map<string, Samples>, measure: Measure) {
  for (let run = 0; run < runs; run++) {
    for (let index = 0; index < popupContestants.length; index++) {
      const contestant = popupContestants[(index + run) % popupContestants.length];
      await measure(page, site, contestant, samples.get(contestant.name)!).catch((error: Error) => {
        throw new Error(`${contestant.name}, run ${run + 1}: ${error.message.split('\n')[0]}`);
      });
    }
  }
}

function printFigures(title: string, notes: string[], figures: [name: string, Spread, string][]): void {
  const ours = figures[0][1].median;
  printTable(
    title,
    ['contestant', ...spreadHeader, 'budget', 'ours ÷ this', 'note'],
    figures.map(([name, figure, note], index) => [
      name,
      ...spreadCells(figure),
      '—',
      index === 0 ? '' : ratio(ours, figure.median),
      note,
    ]),
    notes,
  );
}

/**
 * Click → authorize request, and popup closed → end of attempt, ours beside oidc-client-ts and hello.js. Neither
 * has a budget: the verdicts returned only name figures that could not be taken.
 */
export async function popupTimingSections(
  browser: Browser,
  site: BenchSite,
  runs: { latency: number; cancel: number },
): Promise<Verdict[]> {
  const sections: [title: string, count: number, measure: Measure, notes: string[], figure: Figure][] = [
    [
      'CLICK → AUTHORIZE: ms from the click to the popup requesting the authorize URL',
      runs.latency,
      clickToAuthorize,
      [
        `Chromium, ${runs.latency} runs each, interleaved (order rotated every run). Click: a capturing listener on`,
        "window. Request: the requestStart of the popup's navigation, reported by the provider page, on another site.",
      ],
      (figures) => [spread(figures.latency), `first window.open: ${[...figures.firstOpen]}`],
    ],
    [
      'POPUP CLOSED → CANCEL: ms from the user closing the popup to the attempt ending',
      runs.cancel,
      closedToEnd,
      [
        `Chromium, ${runs.cancel} runs each, interleaved. The provider page shows for ${READING_MS} ms, then Playwright`,
        'closes the popup window as a user would; until the end each reports (ours: oauth-connect-cancel; anchors:',
        'the rejection of their promise).',
      ],
      (figures) => [spread(figures.cancel), `ended with: ${[...figures.ends].join(' | ')}`],
    ],
  ];
  const samples = new Map(
    popupContestants.map(({ name }) => [name, { latency: [], cancel: [], firstOpen: new Set(), ends: new Set() }]),
  ) as Map<string, Samples>;
  const failures = new Map<string, unknown>();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    for (const [title, count, measure] of sections)
      await interleave(page, site, count, samples, measure).catch((error) => failures.set(title, error));
  } finally {
    await context.close();
  }
  const notTaken: Verdict[] = [];
  for (const [title, , , notes, figure] of sections) {
    if (failures.has(title)) {
      notTaken.push({ name: `${title.split(':')[0]} figures`, detail: printUnavailable(title, failures.get(title)) });
      continue;
    }
    printFigures(
      title,
      notes,
      [...samples].map(([name, figures]) => [name, ...figure(figures)]),
    );
  }
  return notTaken;
}
