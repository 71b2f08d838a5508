// tauri-driver (with WebKitWebDriver) for the app end-to-end tests: start it on a free
// port with the app's environment, speak the WebDriver protocol over plain HTTP, stop it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const driverBin = process.env.TAURI_DRIVER ?? 'tauri-driver';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

/** Every process started under `root` (children, their children…), from /proc. */
function startedUnder(root) {
  const parentOf = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const found = [];
  for (let frontier = [root]; frontier.length; ) {
    frontier = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...frontier);
  }
  return found;
}

/**
 * Starts tauri-driver with `env` added to this process's environment (the app inherits it).
 * @returns {Promise<{ wd: (method: string, path: string, body?: object) => Promise<any>, open: (app: string) => Promise<string>, log: () => string, stop: () => void }>}
 */
export async function startDriver(env) {
  const port = await freePort();
  // WebKitWebDriver's own port too: its default (4445) is shared by every tauri-driver on
  // the machine, and a second one would hand its sessions to the first's WebKitWebDriver.
  const nativePort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const driver = spawn(driverBin, ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

  const deadline = Date.now() + 30000;
  while (true) {
    // Up once WebKitWebDriver behind it says so, so a timed start never includes its boot.
    try { if ((await (await fetch(`${base}/status`)).json()).value?.ready !== false) break; } catch { /* starting */ }
    if (Date.now() > deadline) throw new Error(`tauri-driver did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  /** Opens a session on the app binary; answers the session id. */
  async function open(app) {
    const created = await wd('POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: app } } },
    });
    return created.sessionId;
  }

  /**
   * Ends tauri-driver and everything it started. WHY the whole tree: an app window that
   * outlives its deleted session (it happened once in CI) keeps tauri-driver's output
   * pipes open, and the test file then never exits.
   */
  function stop() {
    for (const pid of startedUnder(driver.pid)) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    driver.kill();
  }

  return { wd, open, log: () => log, stop };
}

/**
 * What a test does on an open session: find an element (waiting for it to render),
 * click it, wait for its text. Text is read from the DOM's `textContent`, because
 * WebKitWebDriver's "Get Element Text" answers "" under Xvfb.
 */
export function onPage(wd, session) {
  const pause = () => new Promise((r) => setTimeout(r, 250));
  async function find(selector, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        return await wd('POST', `/session/${session}/element`, { using: 'css selector', value: selector });
      } catch { await pause(); }
    }
    throw new Error(`${selector} never appeared`);
  }
  async function click(selector, timeoutMs) {
    const el = await find(selector, timeoutMs);
    await wd('POST', `/session/${session}/element/${el[ELEMENT]}/click`, {});
  }
  async function waitText(selector, ok = (t) => t.trim().length > 0, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const el = await wd('POST', `/session/${session}/element`, { using: 'css selector', value: selector });
        last = await wd('GET', `/session/${session}/element/${el[ELEMENT]}/property/textContent`);
        if (ok(last)) return last;
      } catch { /* not rendered yet */ }
      await pause();
    }
    throw new Error(`${selector} never showed the expected text; last seen: ${JSON.stringify(last)}`);
  }
  async function attribute(selector, name) {
    const el = await find(selector);
    return await wd('GET', `/session/${session}/element/${el[ELEMENT]}/attribute/${name}`);
  }
  return { find, click, waitText, attribute };
}
