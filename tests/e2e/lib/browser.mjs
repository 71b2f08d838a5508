// Debian's Chromium through playwright-core (no browser download), plus a page
// that records console errors and failed requests so tests can assert there are none.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(HERE, '..', 'artifacts');
export const CATALOG_DIR = join(HERE, '..', '..', '..', 'ui', 'src', 'lib', 'i18n', 'catalogs');

/** The UI's own message catalog, so tests never restate a translation. */
export function catalog(locale) {
  return JSON.parse(readFileSync(join(CATALOG_DIR, `${locale}.json`), 'utf8'));
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A fresh page that collects problems a person would see as breakage.
 * @returns {Promise<{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext, problems: string[] }>}
 */
export async function openPage(browser, { colorScheme = 'light', viewport = { width: 1360, height: 860 } } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return { page, context, problems };
}

/** Full-content screenshot: the app scrolls inside <main>, so grow the viewport to fit it. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1360, height: 860 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight + main.getBoundingClientRect().top : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, Math.ceil(height)), 4000) });
  await page.waitForTimeout(250); // let charts follow the resize
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  await page.setViewportSize(size);
  return path;
}

/** The first integer in a text, ignoring grouping separators ("1,234 orders" → 1234). */
export function firstNumber(text) {
  const m = /\d[\d,\s]*/.exec(text ?? '');
  return m ? Number(m[0].replace(/[,\s]/g, '')) : NaN;
}

/** The last integer in a text ("1–50 of 312" → 312). */
export function lastNumber(text) {
  const all = (text ?? '').match(/\d[\d,]*/g);
  return all ? Number(all[all.length - 1].replace(/,/g, '')) : NaN;
}

/**
 * Registers before/after hooks that start web mode (a fresh data folder) and
 * Chromium for the calling test file; returns an object whose `server` and
 * `browser` are filled in once the hooks have run.
 * @param {Parameters<typeof startServer>[0]} [options]
 */
export function useWebMode(options) {
  const web = { server: undefined, browser: undefined };
  before(async () => {
    web.server = await startServer(options);
    web.browser = await launch();
  });
  after(async () => {
    await web.browser?.close();
    await web.server?.stop();
  });
  return web;
}
