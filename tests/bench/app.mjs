// `cargo xtask bench app`, the measuring half: Gallerist's release window against a bare
// Tauri window of the same Tauri version, on this machine under Xvfb, round by round
// with the order of the two apps alternating so that drift on a shared machine hits both.
//
// Per round: the bare app's start (session asked → its one paragraph in the DOM) and its
// memory after 5 s idle; Gallerist's first start on a fresh data folder and its second
// start on the same folder (session asked → the dashboard's orders figure shows digits),
// its memory after 5 s idle on that second start, and its memory after opening the
// Listings page with 1,000 drafts and the Bills page with a year of imported bills (one
// bill's lines open), again after 5 s. Memory is VmRSS summed over the app and every
// process it started (WebKit's). Writes the raw numbers as JSON to BENCH_OUT; the
// table is xtask's job. Any measurement that cannot be taken ends the script non-zero.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { familyMemory } from './lib/proc.mjs';
import { DRAFTS, LINES_PER_BILL, MONTHS, seed } from './lib/seed.mjs';
import { closeAll, openTimed, until, xdg } from './lib/window.mjs';

const need = (name) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const HELLO = need('HELLO_APP_BIN');
const GALLERIST = need('GALLERIST_APP_BIN');
const CLI = need('GALLERIST_BIN');
const UI_DIST = need('GALLERIST_UI_DIST');
const OUT = need('BENCH_OUT');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = 5_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const textOf = (script, selector) => script('return document.querySelector(arguments[0])?.textContent ?? ""', selector);
const countOf = (script, selector) => script('return document.querySelectorAll(arguments[0]).length', selector);
const clickOn = (script, selector) => script('document.querySelector(arguments[0]).click(); return true', selector);

const helloReady = async (script) => (await textOf(script, '[data-testid="ready"]')) === 'ready';
const dashboardReady = async (script) => /\d/.test(await textOf(script, '[data-testid="kpi-orders"]'));

const results = {
  runs: RUNS,
  hello: { startMs: [], idle: [] },
  gallerist: { firstStartMs: [], secondStartMs: [], idle: [], loaded: [] },
  seeded: null,
};

const mib = (kib) => (kib / 1024).toFixed(1);

function log(line) {
  process.stdout.write(`bench app: ${line}\n`);
}

async function helloRound() {
  const home = mkdtempSync(join(tmpdir(), 'bench-hello-'));
  try {
    const w = await openTimed(HELLO, xdg(home), helloReady);
    await sleep(IDLE_MS);
    const idle = familyMemory(HELLO);
    await w.close();
    results.hello.startMs.push(w.startMs);
    results.hello.idle.push(idle);
    log(`hello-bench   start ${w.startMs.toFixed(0)} ms, idle ${mib(idle.rssKib)} MiB RSS`);
  } finally {
    await closeAll();
    rmSync(home, { recursive: true, force: true });
  }
}

async function galleristRound(loadedHome) {
  const home = mkdtempSync(join(tmpdir(), 'bench-gallerist-'));
  try {
    const env = { ...xdg(home), GALLERIST_DATA_DIR: join(home, 'gallerist'), GALLERIST_LOCALE: 'en' };
    const first = await openTimed(GALLERIST, env, dashboardReady);
    await first.close();
    const second = await openTimed(GALLERIST, env, dashboardReady);
    await sleep(IDLE_MS);
    const idle = familyMemory(GALLERIST);
    await second.close();

    const loadedEnv = { ...xdg(loadedHome), GALLERIST_DATA_DIR: join(loadedHome, 'gallerist'), GALLERIST_LOCALE: 'en' };
    const w = await openTimed(GALLERIST, loadedEnv, dashboardReady);
    await clickOn(w.script, '[data-testid="nav-listings"]');
    // The table holds every draft and renders the first hundred (lib/listings/shown.ts),
    // as a seller opening the page sees it.
    await until(
      w.script,
      async (s) =>
        (await s('return document.querySelector(\'[data-testid="drafts-table"]\')?.dataset.total ?? ""')) === String(DRAFTS) &&
        (await countOf(s, '[data-testid="draft-row"]')) > 0,
      `the drafts table with ${DRAFTS} drafts`,
    );
    await clickOn(w.script, '[data-testid="nav-bills"]');
    await clickOn(w.script, '[data-testid="bills-tab-bills"]').catch(() => {});
    await until(w.script, async (s) => {
      if ((await countOf(s, '[data-testid="bill-row"]')) < MONTHS) {
        await clickOn(s, '[data-testid="bills-tab-bills"]').catch(() => {});
        return false;
      }
      return true;
    }, `${MONTHS} bill rows`);
    await clickOn(w.script, '[data-testid="bill-row"] a');
    await until(w.script, async (s) => (await countOf(s, '[data-testid="bill-line"]')) > 0, 'the lines of a bill');
    await sleep(IDLE_MS);
    const loaded = familyMemory(GALLERIST);
    await w.close();

    results.gallerist.firstStartMs.push(first.startMs);
    results.gallerist.secondStartMs.push(second.startMs);
    results.gallerist.idle.push(idle);
    results.gallerist.loaded.push(loaded);
    log(`Gallerist     start ${first.startMs.toFixed(0)} / ${second.startMs.toFixed(0)} ms, idle ${mib(idle.rssKib)} MiB RSS, open ${mib(loaded.rssKib)} MiB RSS`);
  } finally {
    await closeAll();
    rmSync(home, { recursive: true, force: true });
  }
}

const loadedHome = mkdtempSync(join(tmpdir(), 'bench-gallerist-loaded-'));
try {
  log(`seeding ${DRAFTS} drafts and ${MONTHS} monthly bills of ${LINES_PER_BILL} lines`);
  results.seeded = await seed(CLI, UI_DIST, join(loadedHome, 'gallerist'), new Date());
  log(`seeded: ${JSON.stringify(results.seeded)}`);
  for (let round = 0; round < RUNS; round++) {
    log(`round ${round + 1} of ${RUNS}`);
    const order = round % 2 === 0 ? [helloRound, () => galleristRound(loadedHome)] : [() => galleristRound(loadedHome), helloRound];
    for (const measure of order) await measure();
  }
  writeFileSync(OUT, JSON.stringify(results, null, 2));
  log(`wrote ${OUT}`);
} finally {
  await closeAll();
  rmSync(loadedHome, { recursive: true, force: true });
}
