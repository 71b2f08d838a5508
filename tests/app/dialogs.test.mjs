// The native save and open dialogs in the real window (Tauri's dialog plugin, GTK).
//
// WebDriver cannot reach a native dialog, so the test answers it the way a seller would,
// from the keyboard: xdotool finds the dialog on the Xvfb display by its title, focuses
// it, types a full path into its name field and presses Enter. Then the page must say
// where the file went, and the file must be there, in the format its name asked for.
// (The folder picker for importing a pack is not driven here: GTK's location field
// completes and navigates as it likes under a bare X server; packs.test.ts and the
// core's pack tests cover what happens with the folder it answers.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onPage, startDriver } from './lib/driver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const app = process.env.GALLERIST_APP_BIN ?? join(here, '../../target/debug/gallerist-app');

let work, driver, session, page;

/** Waits for the save dialog titled `title`, then types `path` into its name field and presses Enter. */
async function answerDialog(title, path) {
  const deadline = Date.now() + 20000;
  let id = '';
  while (!id && Date.now() < deadline) {
    try {
      id = execFileSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], { encoding: 'utf8' }).trim().split('\n')[0];
    } catch { await new Promise((r) => setTimeout(r, 250)); }
  }
  assert.ok(id, `a native dialog titled "${title}" opened`);
  await new Promise((r) => setTimeout(r, 500)); // let GTK finish laying it out
  execFileSync('xdotool', ['windowfocus', '--sync', id]);
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a']);
  execFileSync('xdotool', ['type', '--delay', '15', path]);
  execFileSync('xdotool', ['key', 'Return']);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'gallerist-dialogs-'));
  mkdirSync(join(work, 'chosen'));
  driver = await startDriver({ GALLERIST_DATA_DIR: join(work, 'data'), GALLERIST_LOCALE: 'en' });
  session = await driver.open(app);
  page = onPage(driver.wd, session);
  await page.waitText('[data-testid="kpi-orders"]', (t) => /\d/.test(t));
});

after(async () => {
  if (session) await driver.wd('DELETE', `/session/${session}`).catch(() => {});
  driver?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('Save as… writes the bills view where the seller typed, as a workbook for an .xlsx name', async () => {
  await page.click('[data-testid="nav-bills"]');
  await page.click('[data-testid="bills-tab-bills"]');
  await page.find('[data-testid="bill-row"]', 30000);
  await page.click('[data-testid="export-bills"] [data-testid="export-save-as"]');
  const target = join(work, 'chosen', 'November bills.xlsx');
  await answerDialog('Save the export', target);
  const status = await page.waitText('[data-testid="export-bills"] [role="status"]', (t) => /Saved \d+ rows to /.test(t));
  assert.ok(status.includes(target), `the page says where the file went: ${status}`);
  assert.ok(existsSync(target), `the file is where the seller chose: ${target}`);
  assert.equal(readFileSync(target).subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx name gives a workbook (a zip)');
});

test('a draft goes out as a pack folder named in the save dialog', async () => {
  // A fresh sandbox shop has no drafts yet: start one; its editor offers the export.
  await page.click('[data-testid="nav-listings"]');
  await page.click('[data-testid="empty-new-draft"]', 30000);
  await page.click('[data-testid="export-pack"]', 20000);
  const folder = join(work, 'chosen', 'first draft pack');
  await answerDialog('Export the draft as a pack folder', folder);
  const note = await page.waitText('[data-testid="pack-note"]');
  assert.ok(note.includes(folder), `the page says where the pack went: ${note}`);
  assert.deepEqual(readdirSync(folder).sort(), ['assets', 'listing.toml'], 'the pack folder holds listing.toml and assets/');
  const png = await driver.wd('GET', `/session/${session}/screenshot`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'draft-pack-exported.png'), Buffer.from(png, 'base64'));
});
