// Updates in the real window: Tauri's updater plugin against a local update server.
//
// The test makes its own signing key with the pinned Tauri CLI (`tauri signer`), signs
// an update artifact, and serves `latest.json` offering version 9.9.9 from loopback. A
// debug build of the app takes the server's address and the test's public key from
// GALLERIST_UPDATE_ENDPOINT / GALLERIST_UPDATE_PUBKEY (a release build ignores both).
// Settings must show the newer version with its notes, a progress bar while the
// artifact trickles in, and "ready" only after the signature checked out; the same
// offer signed for other bytes must be refused in words, never offered for install.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onPage, startDriver } from './lib/driver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const app = process.env.GALLERIST_APP_BIN ?? join(root, 'target/debug/gallerist-app');
const tauriCli = join(root, 'ui/node_modules/.bin/tauri');
const artifacts = join(here, 'artifacts');

let work, server, driver, session, page;
const served = { mode: 'good', downloads: 0 };

/** Signs `file` with the test key; answers the signature text the manifest carries. */
function sign(file) {
  execFileSync(tauriCli, ['signer', 'sign', '-f', join(work, 'key'), '-p', 'test-only', file], { stdio: 'pipe' });
  return readFileSync(`${file}.sig`, 'utf8');
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'gallerist-updates-'));
  execFileSync(tauriCli, ['signer', 'generate', '--ci', '-p', 'test-only', '-w', join(work, 'key')], { stdio: 'pipe' });
  const pubkey = readFileSync(join(work, 'key.pub'), 'utf8').trim();

  const artifact = randomBytes(1_200_000);
  writeFileSync(join(work, 'update.tar.gz'), artifact);
  writeFileSync(join(work, 'other.tar.gz'), randomBytes(1_000));
  const signatures = { good: sign(join(work, 'update.tar.gz')), bad: sign(join(work, 'other.tar.gz')) };

  server = http.createServer(async (req, res) => {
    const base = `http://127.0.0.1:${server.address().port}`;
    if (req.url === '/latest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        version: '9.9.9',
        notes: 'Faster bill import.\nThe SaaS page checks usage pushes.',
        pub_date: '2026-12-01T08:00:00Z',
        platforms: { 'linux-x86_64': { signature: signatures[served.mode], url: `${base}/update.tar.gz` } },
      }));
      return;
    }
    if (req.url === '/update.tar.gz') {
      served.downloads += 1;
      // In slices with pauses, so the window has a download in progress to show.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': artifact.length });
      const slice = 100_000;
      for (let at = 0; at < artifact.length; at += slice) {
        res.write(artifact.subarray(at, at + slice));
        await new Promise((r) => setTimeout(r, 120));
      }
      res.end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));

  const dataDir = join(work, 'data');
  driver = await startDriver({
    GALLERIST_DATA_DIR: dataDir,
    GALLERIST_LOCALE: 'en',
    GALLERIST_UPDATE_ENDPOINT: `http://127.0.0.1:${server.address().port}/latest.json`,
    GALLERIST_UPDATE_PUBKEY: pubkey,
  });
  session = await driver.open(app);
  page = onPage(driver.wd, session);
});

after(async () => {
  if (session) await driver.wd('DELETE', `/session/${session}`).catch(() => {});
  driver?.stop();
  server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('Settings offers a newer signed version, shows the download, and is ready only once verified', async () => {
  await page.waitText('[data-testid="kpi-orders"]', (t) => /\d/.test(t));
  await page.click('[data-testid="nav-settings"]');
  assert.equal((await page.waitText('[data-testid="update-current"]')).trim(), '0.1.0');
  await page.click('[data-testid="update-check"]');
  const offer = await page.waitText('[data-testid="update-state"]', (t) => /9\.9\.9|fail|could not/i.test(t));
  assert.match(offer, /Version 9\.9\.9 is available/, offer);
  assert.match(await page.waitText('[data-testid="update-notes"]'), /Faster bill import\./);

  await page.click('[data-testid="update-download"]');
  let sawProgress = false;
  const done = await page.waitText('[data-testid="update-state"]', (t) => {
    if (/Downloading version 9\.9\.9/.test(t) && /\d+\.\d of 1\.1 MB/.test(t) && !/0\.0 of/.test(t)) sawProgress = true;
    return /signature checked|refused|failed|could not/i.test(t);
  });
  assert.match(done, /Version 9\.9\.9 is downloaded and its signature checked/, done);
  assert.ok(sawProgress, 'the download showed how far it had got on the way');
  assert.equal(served.downloads, 1);
  assert.ok(await page.find('[data-testid="update-install"]'), 'Restart to install is offered');

  const png = await driver.wd('GET', `/session/${session}/screenshot`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'settings-update.png'), Buffer.from(png, 'base64'));
});

test('an update whose signature is for other bytes is refused in words and never installable', async () => {
  served.mode = 'bad';
  await page.click('[data-testid="update-check"]');
  await page.waitText('[data-testid="update-state"]', (t) => /Version 9\.9\.9 is available/.test(t));
  await page.click('[data-testid="update-download"]');
  const refusal = await page.waitText('[data-testid="update-failure"]');
  assert.match(refusal, /not signed with Gallerist's key, so it was refused and nothing was installed/, refusal);
  assert.equal(await page.attribute('[data-testid="update-failure"]', 'data-failure'), 'signature');
  await assert.rejects(page.find('[data-testid="update-install"]', 1000), 'no install button after a refused download');
});
