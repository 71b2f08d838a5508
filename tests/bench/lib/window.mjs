// One app window under WebDriver, timed: from asking tauri-driver for a session (which
// starts the app) to a marker element showing what the seller came for.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { waitGone } from './proc.mjs';

const POLL_MS = 25;

/** XDG folders inside `home`, so WebKit's caches and the window state start empty there. */
export function xdg(home) {
  const dirs = { XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

/**
 * tauri-driver with its WebKitWebDriver on free ports of its own. WHY not
 * tests/app/lib/driver.mjs: that one leaves WebKitWebDriver on tauri-driver's fixed
 * default port, so on a machine where another test run holds that port our sessions
 * went to the other run's WebKitWebDriver ("Maximum number of active sessions").
 * Answers once WebKitWebDriver itself is up, so a start time never includes its boot.
 */
async function startDriver(env) {
  const [port, nativePort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const driver = spawn(process.env.TAURI_DRIVER ?? 'tauri-driver', [
    '--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver',
  ], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  driver.stdout.on('data', (d) => { log += d; });
  driver.stderr.on('data', (d) => { log += d; });

  async function wd(method, path, body) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json.value ?? json)}`);
    return json.value;
  }

  const deadline = Date.now() + 30_000;
  while (!(await wd('GET', '/status').then((s) => s?.ready !== false, () => false))) {
    if (Date.now() > deadline) { driver.kill(); throw new Error(`tauri-driver did not start:\n${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const open = async (app) => (await wd('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: app } } },
  })).sessionId;
  return { wd, open, log: () => log, stop: () => driver.kill() };
}

/** Windows still open, so a failed run closes them instead of leaving them behind. */
const open = new Set();

/** Closes every window a failed run left open. */
export async function closeAll() {
  for (const close of [...open]) await close();
}

/**
 * Opens `app` with `env`; answers { startMs, script, close }: `script(body, ...args)` runs
 * JavaScript in the page. `ready(script)` is polled until true; startMs runs from the
 * session request to that moment.
 */
export async function openTimed(app, env, ready, timeoutMs = 90_000) {
  const driver = await startDriver(env);
  let session;
  const close = async () => {
    open.delete(close);
    if (session) await driver.wd('DELETE', `/session/${session}`).catch(() => {});
    await waitGone(app);
    driver.stop();
  };
  open.add(close);
  try {
    const started = performance.now();
    session = await driver.open(app);
    const script = (body, ...args) => driver.wd('POST', `/session/${session}/execute/sync`, { script: body, args });
    const deadline = Date.now() + timeoutMs;
    while (!(await ready(script).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${app} never became ready.\n${driver.log()}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return { startMs: performance.now() - started, script, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Polls `check(script)` until true. */
export async function until(script, check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check(script).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
