// The .deb a seller installs: built by `cargo xtask bundle --debug` (GALLERIST_DEB names
// it), installed with apt, the installed window started under Xvfb and seen to reach the
// core, the installed `gallerist` CLI run on the same data folder, then the package
// removed — and the seller's data folder left exactly as it was.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELEMENT, startDriver } from '../app/lib/driver.mjs';

const deb = process.env.GALLERIST_DEB;
const home = mkdtempSync(join(tmpdir(), 'gallerist-deb-'));
const dataDir = join(home, 'data');
let driver;

after(() => {
  driver?.stop();
  spawnSync('apt-get', ['remove', '-y', 'gallerist'], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
});

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Every file under `dir` with its SHA-256, so "untouched" is byte for byte. */
function fingerprint(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

test('the .deb installs, its window reaches the core, its CLI runs, and removing it leaves the data', async () => {
  assert.ok(deb && existsSync(deb), `GALLERIST_DEB names the built package: ${deb}`);
  spawnSync('apt-get', ['remove', '-y', 'gallerist'], { stdio: 'ignore' });
  run('apt-get', ['install', '-y', '--no-install-recommends', deb]);
  assert.ok(existsSync('/usr/bin/gallerist-app'), 'the app is installed on the PATH');
  assert.match(run('/usr/bin/gallerist', ['--version']), /^gallerist \d+\.\d+\.\d+/, 'the CLI is installed beside it');

  const xdgConfig = join(home, 'xdg-config');
  mkdirSync(xdgConfig, { recursive: true });
  driver = await startDriver({ GALLERIST_DATA_DIR: dataDir, GALLERIST_LOCALE: 'en', XDG_CONFIG_HOME: xdgConfig });
  const session = await driver.open('/usr/bin/gallerist-app');
  const deadline = Date.now() + 60_000;
  let figure = '';
  while (!/\d/.test(figure) && Date.now() < deadline) {
    try {
      const el = await driver.wd('POST', `/session/${session}/element`, { using: 'css selector', value: '[data-testid="kpi-orders"]' });
      figure = await driver.wd('GET', `/session/${session}/element/${el[ELEMENT]}/property/textContent`);
    } catch { /* not rendered yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.match(figure, /\d/, 'the installed window shows the dashboard figures the core computed');
  // Ending the session closes the window; the installed app lets go of the folder.
  const holder = Number(/pid=(\d+)/.exec(readFileSync(join(dataDir, 'gallerist.lock'), 'utf8'))?.[1]);
  assert.ok(holder > 0, 'the installed app holds the data folder while it runs');
  await driver.wd('DELETE', `/session/${session}`).catch(() => {});
  const alive = () => existsSync(`/proc/${holder}`) && !readFileSync(`/proc/${holder}/stat`, 'utf8').includes(') Z ');
  const gone = Date.now() + 20_000;
  while (alive() && Date.now() < gone) await new Promise((r) => setTimeout(r, 200));
  if (alive()) process.kill(holder, 'SIGKILL');
  driver.stop();
  driver = undefined;

  // The installed CLI on the folder the window just used. The folder lock is the truth
  // about whether the window has let go (a process can look gone while the OS is still
  // tearing it down), so the CLI is retried while it names another process, briefly.
  const env = { ...process.env, GALLERIST_DATA_DIR: dataDir };
  let cli;
  for (const until = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 250))) {
    cli = spawnSync('/usr/bin/gallerist', ['draft', 'list'], { encoding: 'utf8', env, timeout: 60_000 });
    if (cli.status === 0 || !/Another Gallerist process/.test(cli.stderr) || Date.now() > until) break;
  }
  assert.equal(cli.status, 0, `the installed CLI runs on the same folder:\n${cli.stdout}\n${cli.stderr}`);
  const drafts = cli.stdout;
  assert.ok(drafts.length > 0, 'the CLI reads the same data folder');

  const before = fingerprint(dataDir);
  assert.ok(Object.keys(before).some((f) => f.endsWith('gallerist.sqlite3')), 'the data folder holds the database');
  run('apt-get', ['remove', '-y', 'gallerist']);
  assert.ok(!existsSync('/usr/bin/gallerist-app') && !existsSync('/usr/bin/gallerist'), 'both programs are gone');
  assert.deepEqual(fingerprint(dataDir), before, "removing the package leaves the seller's data byte for byte");
});
