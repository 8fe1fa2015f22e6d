import type { Browser, Page } from 'playwright';
import { clickCentre } from './bench-pages.js';
import type { BenchSite } from './bench-site.js';
import { READING_MS } from './popup-timing.js';
import { printTable, printUnavailable, type Verdict } from './report.js';

type Counts = Record<string, number>;
interface Snapshot {
  collected: boolean;
  listeners: Counts;
  timers: Counts;
  channels: Counts;
  storage: Counts;
  popups: Counts;
}

const categories: [key: keyof Omit<Snapshot, 'collected'>, label: string][] = [
  ['listeners', 'event listeners'],
  ['timers', 'timers (setTimeout, setInterval)'],
  ['channels', 'BroadcastChannels open'],
  ['storage', 'sessionStorage + localStorage keys'],
  ['popups', 'popup windows open'],
];

/**
 * The four ways an attempt ends, taken in turn; a run of a multiple of four attempts ends with a popup closed, whose
 * attempt listens on until its timeout (a provider may send Cross-Origin-Opener-Policy only on a later page).
 */
const kinds = ['completed', 'provider error', 'aborted', 'popup closed'] as const;
type Kind = (typeof kinds)[number];

const WAIT = { timeout: 10_000, polling: 20 };
/** The element's `timeout` in the run, seconds: long enough for every attempt, short enough to wait out at the end. */
const TIMEOUT_S = 5;
/** Whether an attempt still listens: its pending mark, which the callback page reads, is in localStorage. */
const listening = "Object.keys(localStorage).some((key) => key.startsWith('oauth-connect:pending:'))";
const LINGERING =
  'after a popup close the attempt listens until its timeout (one channel, one mark), then leaves nothing';
const STUCK = 'no end within 10 s';
const settle = (page: Page) => page.evaluate('window.benchLeaks.settle()');

async function attempt(page: Page, site: BenchSite, kind: Kind): Promise<string> {
  site.authorizeMode = kind === 'completed' ? 'code' : kind === 'provider error' ? 'error' : 'wait';
  const ended = (await page.evaluate('window.benchEnds.length')) as number;
  site.takeMissing();
  const popupEvent = page.waitForEvent('popup', WAIT);
  await clickCentre(page, '#go [part="button"]');
  const popup = await popupEvent;
  if (kind === 'popup closed' || kind === 'aborted') {
    await popup.waitForURL(`${site.provider}/authorize?**`, WAIT);
    if (kind === 'popup closed') {
      await popup.waitForTimeout(READING_MS); // the user reads the provider's page, then closes it
      await popup.close();
    } else await page.evaluate("document.getElementById('go').abort()");
  }
  const endedInTime = await page
    .waitForFunction(`window.benchEnds.length > ${ended}`, null, WAIT)
    .then(() => true)
    .catch(() => false);
  if (!endedInTime) return stuck(page, site, popup, ended);
  if (!popup.isClosed()) await popup.waitForEvent('close', WAIT);
  return (await page.evaluate(`window.benchEnds[${ended}]`)) as string;
}

/** An attempt that did not end by itself: say where it stood, then end it with abort() and go on. */
async function stuck(page: Page, site: BenchSite, popup: Page, ended: number): Promise<string> {
  const shows = popup.isClosed() ? '' : await popup.evaluate('document.body?.innerText.trim().slice(0, 60) ?? ""');
  const missing = site.takeMissing();
  const where = popup.isClosed()
    ? 'popup closed'
    : `popup at ${new URL(popup.url()).pathname} showing "${shows}"` +
      (missing.length ? `; 404 for ${missing.join(', ')} meanwhile` : '');
  const status = await page.evaluate("document.getElementById('go').getAttribute('status')");
  await page.evaluate("document.getElementById('go').abort()");
  await page.waitForFunction(`window.benchEnds.length > ${ended}`, null, WAIT);
  if (!popup.isClosed()) await popup.close();
  return `${STUCK} (${where}, status ${status}), then abort() → ${await page.evaluate(`window.benchEnds[${ended}]`)}`;
}

function difference(before: Counts, after: Counts): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)] as const)
    .filter(([, change]) => change !== 0)
    .map(([name, change]) => `${change > 0 ? '+' : ''}${change} ${name}`);
}

const total = (counts: Counts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** Runs `count` attempts on one element and compares what is live before and after them. */
export async function leakSection(browser: Browser, site: BenchSite, count: number): Promise<Verdict[]> {
  const title = `LEFTOVERS: live listeners, timers, channels, storage keys and popups, before vs after ${count} attempts`;
  const context = await browser.newContext();
  const endings = new Map<string, number>();
  let before: Snapshot;
  let lingering: Snapshot;
  let after: Snapshot;
  try {
    const page = await context.newPage();
    await page.goto(`${site.app}/leaks.html`);
    // Playwright installs its own listeners in the page the first time it waits on a condition there: before the
    // baseline, so that they count on both sides.
    await page.waitForFunction('true', null, WAIT);
    await settle(page);
    before = (await page.evaluate('window.benchLeaks.snapshot()')) as Snapshot;
    await page.evaluate(`document.getElementById('go').setAttribute('timeout', '${TIMEOUT_S}')`);
    for (let index = 0; index < count; index++) {
      const kind = kinds[index % kinds.length];
      const ending = await attempt(page, site, kind).catch((error: Error) => {
        throw new Error(`attempt ${index + 1} (${kind}): ${error.message.split('\n')[0]}`);
      });
      endings.set(`${kind} → ${ending}`, (endings.get(`${kind} → ${ending}`) ?? 0) + 1);
    }
    // Still listening after the last popup closed (each new attempt ended the listening of the one before), until
    // its timeout: what is live after that is what the run left.
    lingering = (await page.evaluate('window.benchLeaks.snapshot()')) as Snapshot;
    await page
      .waitForFunction(`!(${listening})`, null, { ...WAIT, timeout: TIMEOUT_S * 1000 + WAIT.timeout })
      .catch(() => {}); // still listening then: what is live is reported below as left
    await settle(page);
    after = (await page.evaluate('window.benchLeaks.snapshot()')) as Snapshot;
  } catch (error) {
    const reason = printUnavailable(title, error);
    return [...categories.map(([, label]) => `${label}: 0 left after ${count} attempts`), LINGERING].map((name) => ({
      name,
      detail: reason,
    }));
  } finally {
    await context.close();
  }
  const verdicts: Verdict[] = [];
  const rows = categories.map(([key, label]) => {
    const changes = difference(before[key], after[key]);
    const left = total(after[key]) - total(before[key]);
    const pass = changes.length === 0;
    verdicts.push({ name: `${label}: 0 left after ${count} attempts`, pass, detail: changes.join(', ') || 'none' });
    return [label, String(total(before[key])), String(total(after[key])), String(left), '0', pass ? 'PASS' : 'MISS'];
  });
  // The run must have shown the listening after a popup close (one channel, one pending mark), or its 0 proves nothing.
  const lingered = (['channels', 'storage'] as const).map((key) => difference(before[key], lingering[key]));
  const lingeredOnce =
    count % kinds.length === 0 && lingered.every((changes) => changes.length === 1 && changes[0].startsWith('+1 '));
  const shown =
    `${total(lingering.channels) - total(before.channels)} channel, ` +
    `${total(lingering.storage) - total(before.storage)} mark`;
  rows.push([
    `listening after the last popup closed`,
    '',
    '',
    shown,
    '1 channel, 1 mark',
    lingeredOnce ? 'PASS' : 'MISS',
  ]);
  verdicts.push({ name: LINGERING, pass: lingeredOnce, detail: lingered.flat().join(', ') || 'nothing was listening' });
  // Each attempt must end by itself (success, error or cancel): one that hangs is reported, not hidden by abort().
  // With the run's short `timeout`, an attempt that hangs ends by its timeout: that is no end of its own either.
  const hungEnding = (ending: string) => ending.includes(STUCK) || ending.endsWith('oauth-connect-error timeout');
  const hung = [...endings].filter(([ending]) => hungEnding(ending)).reduce((sum, [, times]) => sum + times, 0);
  rows.push([`attempts with ${STUCK} or a timeout`, '', '', String(hung), '0', hung ? 'MISS' : 'PASS']);
  verdicts.push({ name: `every one of ${count} attempts ends by itself`, pass: !hung, detail: `${hung} did not` });
  printTable(title, ['what (count)', 'before', 'after', 'left', 'budget', 'verdict'], rows, [
    `One <oauth-connect> on a page instrumented before the bundle loads (addEventListener/removeEventListener,`,
    'setTimeout/setInterval/clear*, BroadcastChannel/close, window.open, storage keys); ends taken in turn:',
    ...[...endings].map(([ending, times]) => `  ${times} × ${ending}`),
    before.collected
      ? 'Listeners count on targets still alive after a forced garbage collection, detached nodes excluded.'
      : 'NOTE: no gc() in the page; listeners on unreachable targets may be counted.',
    ...verdicts.filter((verdict) => !verdict.pass).map((verdict) => `left: ${verdict.detail}`),
  ]);
  return verdicts;
}
