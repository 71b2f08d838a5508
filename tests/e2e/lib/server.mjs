// Starts Gallerist's web mode (`gallerist serve`) on a free loopback port with a
// fresh data folder, so each test file sees a first start: the embedded sandbox
// account and its demo orders.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const UI_DIST = join(REPO, 'ui', 'dist');
export const BIN = process.env.GALLERIST_BIN || join(REPO, 'target', 'debug', 'gallerist');

const READY = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;

/**
 * @param {{ locale?: string | null, env?: Record<string, string>, prepare?: (dataDir: string) => void }} [options]
 *   locale: GALLERIST_LOCALE for the run ("en" unless given; null leaves it unset).
 *   prepare: called with the fresh data folder before the server starts (e.g. to plant a broken database).
 * @returns {Promise<{ url: string, dataDir: string, stop: () => Promise<void>, logs: () => string }>}
 */
export async function startServer(options = {}) {
  if (!existsSync(BIN)) {
    throw new Error(`The gallerist binary is missing at ${BIN}. Build it (cargo build -p gallerist-cli) or set GALLERIST_BIN.`);
  }
  if (!existsSync(join(UI_DIST, 'index.html'))) {
    throw new Error(`The built UI is missing at ${UI_DIST}. Run \`npm run build\` in ui/.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gallerist-e2e-'));
  options.prepare?.(dataDir);
  const locale = options.locale === undefined ? 'en' : options.locale;
  const env = { ...process.env, GALLERIST_DATA_DIR: dataDir, ...options.env };
  if (locale === null) delete env.GALLERIST_LOCALE;
  else env.GALLERIST_LOCALE = locale;

  const child = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--ui', UI_DIST], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`gallerist serve did not say "listening on" within ${START_TIMEOUT_MS / 1000} s.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      const m = READY.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1].replace(/\/$/, ''));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gallerist serve exited (code ${code}, signal ${signal}) before listening.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT'); // graceful shutdown: the server listens for Ctrl-C
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { url, dataDir, stop, logs: () => `stdout:\n${stdout}\nstderr:\n${stderr}` };
}

/**
 * Starts a standalone `gallerist sandbox` with known keys, standing in for a
 * seller's real marketplace account. Returns `{ url, stop() }`.
 * @param {{ ak: string, sk: string }} keys
 */
export async function startSandbox({ ak, sk }) {
  const child = spawn(BIN, ['sandbox', '--listen', '127.0.0.1:0', '--ak', ak, '--sk', sk], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`gallerist sandbox did not start:\n${output}`)), START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      output += d;
      const m = READY.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1].replace(/\/$/, ''));
      }
    });
    child.on('exit', (code) => reject(new Error(`gallerist sandbox exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    },
  };
}
