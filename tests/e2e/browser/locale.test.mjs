import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { catalog, launch, openPage } from '../lib/browser.mjs';

const zh = catalog('zh-CN');
const en = catalog('en');

let server;
let browser;

before(async () => {
  server = await startServer({ locale: 'en' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('switching to Chinese re-renders the app and survives a reload', async () => {
  const { page, context, problems } = await openPage(browser);
  try {
    await page.goto(`${server.url}/`);
    const nav = page.getByTestId('nav-dashboard');
    await page.getByTestId('kpi-orders').waitFor();
    assert.equal((await nav.textContent())?.trim(), en['nav.dashboard'], 'the app should start in English');

    await page.getByTestId('locale-switch').selectOption('zh-CN');
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="nav-dashboard"]')?.textContent?.trim() === text,
      zh['nav.dashboard'],
    );
    assert.equal(
      (await page.getByTestId('nav-orders').textContent())?.trim(),
      zh['nav.orders'],
      'every nav item should switch language, not just one',
    );
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN', '<html lang> should follow');

    await page.reload();
    await page.getByTestId('kpi-orders').waitFor();
    assert.equal(
      (await page.getByTestId('nav-dashboard').textContent())?.trim(),
      zh['nav.dashboard'],
      'the chosen language should be persisted by the core and still apply after a reload',
    );
    assert.equal(await page.getByTestId('locale-switch').inputValue(), 'zh-CN', 'the switch should show the saved choice');

    await page.getByTestId('locale-switch').selectOption('en');
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="nav-dashboard"]')?.textContent?.trim() === text,
      en['nav.dashboard'],
    );
    assert.deepEqual(problems, [], 'switching language should not log errors');
  } finally {
    await context.close();
  }
});
