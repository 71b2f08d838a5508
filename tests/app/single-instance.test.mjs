// A second launch of the app hands over to the running window instead of opening the
// same data folder twice (issue 14: two processes on one folder sent queued changes
// two to four times). Runs the real gallerist-app twice under Xvfb on a private D-Bus
// session bus, which the single-instance plugin uses on Linux to find the first
// instance; the folder lock in the core names the process that holds the folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const app = process.env.GALLERIST_APP_BIN ?? join(here, '../../target/debug/gallerist-app');
const dataDir = mkdtempSync(join(tmpdir(), 'gallerist-single-'));
const running = [];

after(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** A private session bus for this test; its address, and the daemon to stop. */
function sessionBus() {
  const out = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
    encoding: 'utf8',
  });
  assert.equal(out.status, 0, `dbus-daemon starts: ${out.stderr}`);
  const [address, pid] = out.stdout.trim().split('\n');
  running.push({ kill: () => { try { process.kill(Number(pid), 'SIGTERM'); } catch { /* gone */ } } });
  return address;
}

function holder() {
  const lock = join(dataDir, 'gallerist.lock');
  return existsSync(lock) ? readFileSync(lock, 'utf8') : '';
}

test('a second launch exits at once and leaves the first window holding the data folder', async () => {
  const env = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: sessionBus(),
    GALLERIST_DATA_DIR: dataDir,
    GALLERIST_LOCALE: 'en',
  };
  const first = spawn(app, [], { env, stdio: 'ignore' });
  running.push(first);
  const deadline = Date.now() + 60000;
  while (!holder().includes(`pid=${first.pid}`)) {
    assert.ok(Date.now() < deadline, `the first window takes the folder: ${JSON.stringify(holder())}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  // Without the hand-over the second process would boot, be refused the folder and stay
  // open on its error page; a liveness bound, not a measurement.
  const second = spawnSync(app, [], { env, timeout: 30000, encoding: 'utf8' });
  assert.equal(second.error, undefined, `the second launch ended by itself: ${second.error}`);
  assert.equal(second.status, 0, `it handed over and exited cleanly: ${second.stderr}`);
  assert.equal(first.exitCode, null, 'the first window is still running');
  assert.match(holder(), new RegExp(`pid=${first.pid}\\n`), 'the folder is still held by the first window');
});
