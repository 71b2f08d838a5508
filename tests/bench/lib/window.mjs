// One app window under WebDriver, timed: from asking tauri-driver for a session (which
// starts the app) to a marker element showing what the seller came for.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitGone } from './proc.mjs';
import { startDriver } from '../../app/lib/driver.mjs';

const POLL_MS = 25;

/** XDG folders inside `home`, so WebKit's caches and the window state start empty there. */
export function xdg(home) {
  const dirs = { XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
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
