// The window opens where and as large as the seller left it (the window-state plugin):
// resize and move the real window, end the app (the driver kills it, so this also shows
// nothing waits for a clean exit), start it again on the same profile and find the same
// size and place.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDriver } from './lib/driver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const app = process.env.GALLERIST_APP_BIN ?? join(here, '../../target/debug/gallerist-app');
const home = mkdtempSync(join(tmpdir(), 'gallerist-window-state-'));
const xdgConfig = join(home, 'xdg-config');
mkdirSync(xdgConfig, { recursive: true });
let driver;

after(() => {
  driver?.stop();
  rmSync(home, { recursive: true, force: true });
});

const WANTED = { x: 40, y: 30, width: 980, height: 660 };

async function waitFor(ok, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

test('the window comes back at the size and place it was closed at', async () => {
  driver = await startDriver({ GALLERIST_DATA_DIR: join(home, 'data'), GALLERIST_LOCALE: 'en', XDG_CONFIG_HOME: xdgConfig });
  const { wd } = driver;
  let session = await driver.open(app);
  const first = await wd('GET', `/session/${session}/window/rect`);
  assert.notDeepEqual(
    { width: first.width, height: first.height },
    { width: WANTED.width, height: WANTED.height },
    'the first start is not already at the wanted size',
  );
  await wd('POST', `/session/${session}/window/rect`, WANTED);
  await waitFor(async () => (await wd('GET', `/session/${session}/window/rect`)).width === WANTED.width, 'the resize');

  // Saved as soon as the seller stops resizing: the driver then ends the app without a
  // normal exit, as a crash or a kill would.
  const stateFile = join(xdgConfig, 'com.gallerist.app', '.window-state.json');
  const saved = () => (existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')).main ?? {} : {});
  await waitFor(() => saved().width === WANTED.width, 'the new size saved', 10000).catch(() => {});
  assert.equal(saved().width, WANTED.width, `the width is remembered: ${JSON.stringify(saved())}`);
  assert.equal(saved().height, WANTED.height, `the height is remembered: ${JSON.stringify(saved())}`);
  await wd('DELETE', `/session/${session}/window`).catch(() => {});
  await wd('DELETE', `/session/${session}`).catch(() => {});

  session = await driver.open(app);
  const again = await wd('GET', `/session/${session}/window/rect`);
  assert.deepEqual(
    { width: again.width, height: again.height },
    { width: WANTED.width, height: WANTED.height },
    'the second start opens at the remembered size',
  );
  assert.ok(Math.abs(again.x - WANTED.x) <= 2 && Math.abs(again.y - WANTED.y) <= 2, `and place: ${JSON.stringify(again)}`);
  await wd('DELETE', `/session/${session}`).catch(() => {});
});
