// The real app window, driven through tauri-driver and WebKitWebDriver under Xvfb.
//
// Starts tauri-driver, opens a WebDriver session on the built gallerist-app with a
// fresh data folder, and checks what a seller sees on first start: the dashboard
// of the embedded sandbox account with its figures and chart, a signed call through
// the real core, and a bills export the window saves to disk (a page in the app
// window cannot download, so the core writes the file and says where). Uses only Node's
// built-ins (fetch, child_process, node:test): the WebDriver protocol is plain HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENT, onPage, startDriver } from './lib/driver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const app = process.env.GALLERIST_APP_BIN ?? join(here, '../../target/debug/gallerist-app');
const artifacts = join(here, 'artifacts');

let driver, wd, session, dataDir, find, click, waitText;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gallerist-app-e2e-'));
  // No XDG user-dirs file: exports fall back to <data dir>/exports instead of the
  // tester's own Downloads folder.
  const xdgConfig = join(dataDir, 'xdg-config');
  mkdirSync(xdgConfig, { recursive: true });
  driver = await startDriver({ GALLERIST_DATA_DIR: dataDir, GALLERIST_LOCALE: 'en', XDG_CONFIG_HOME: xdgConfig });
  wd = driver.wd;
  session = await driver.open(app);
  ({ find, click, waitText } = onPage(wd, session));
});

after(async () => {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the window opens on the dashboard of the sandbox account with its figures', async () => {
  const account = await waitText('[data-testid="account-name"]');
  assert.match(account, /Sandbox/, 'the top bar names the embedded sandbox account');
  const badge = await waitText('[data-testid="site-badge"]');
  assert.match(badge, /SANDBOX/i, 'the site badge says SANDBOX');
  const kpi = await waitText('[data-testid="kpi-orders"]', (t) => /\d/.test(t));
  const orders = Number(kpi.replace(/[^\d]/g, ''));
  assert.ok(orders > 200, `the orders figure comes from a year of demo data, saw ${kpi}`);
  // The chart library loads with the first chart, a moment after the figures.
  const canvas = await find('[data-testid="orders-chart"] canvas');
  assert.ok(canvas[ELEMENT], 'the orders-per-month chart is drawn on a canvas');
  await new Promise((r) => setTimeout(r, 800)); // let the chart's entry animation finish
  const png = await wd('GET', `/session/${session}/screenshot`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'dashboard.png'), Buffer.from(png, 'base64'));
});

test('the window reaches the real core: test connection signs a call to the sandbox', async () => {
  await click('[data-testid="nav-settings"]');
  await click('[data-testid="test-connection"]');
  const result = await waitText('[data-testid="connection-result"]', (t) => /MKT\.0000|APIGW|unreach/i.test(t));
  assert.match(result, /MKT\.0000/, `the signed order query succeeded: ${result}`);
  const png = await wd('GET', `/session/${session}/screenshot`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'settings.png'), Buffer.from(png, 'base64'));
});

test('the window exports the bill list as a CSV file it saves and names', async () => {
  await click('[data-testid="nav-bills"]');
  await click('[data-testid="bills-tab-bills"]');
  await find('[data-testid="bill-row"]', 30000);
  await click('[data-testid="export-bills"] [data-testid="export-csv"]');
  const status = await waitText('[data-testid="export-bills"] [role="status"]', (t) => /Saved \d+ rows to /.test(t));
  const path = status.replace(/^Saved \d+ rows to /, '').trim();
  assert.ok(path.startsWith(join(dataDir, 'exports')), `the app window saved the file where it says: ${path}`);
  assert.ok(existsSync(path), `the saved file exists: ${path}`);
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM for Excel');
  assert.match(bytes.toString('utf8'), /B20\d{4}-CN/, 'the CSV lists the synced bills');
  const png = await wd('GET', `/session/${session}/screenshot`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'bills.png'), Buffer.from(png, 'base64'));
});

test('the window keeps its diagnostic log in the data folder, and Settings names the folder', async () => {
  const logs = join(dataDir, 'logs');
  const text = readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('');
  assert.match(text, /started on data folder/, 'the start is logged');
  await click('[data-testid="nav-settings"]');
  const row = await waitText('[data-testid="open-folder-logs"]');
  assert.ok(row.length > 0, 'the log folder has an Open button');
  const shown = await waitText('.about', (t) => t.includes(logs));
  assert.ok(shown.includes(logs), `Settings shows the log folder ${logs}`);
});
