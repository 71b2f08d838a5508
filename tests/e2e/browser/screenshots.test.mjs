// Screenshots for people to look at (tests/e2e/artifacts/, gitignored): the three
// live pages in English/light and Chinese/dark.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { launch, openPage, screenshot } from '../lib/browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function shoot(locale, colorScheme) {
  const server = await startServer({ locale });
  const { page, context, problems } = await openPage(browser, { colorScheme });
  const files = [];
  try {
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByTestId('orders-chart').locator('canvas').first().waitFor({ state: 'attached' });
    await page.waitForTimeout(600); // chart animation
    files.push(await screenshot(page, `dashboard-${locale}-${colorScheme}`));

    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-table').waitFor();
    files.push(await screenshot(page, `orders-${locale}-${colorScheme}`));

    await page.getByTestId('nav-settings').click();
    const button = page.getByTestId('test-connection').first();
    await button.click();
    await page.getByTestId('connection-result').first().waitFor({ timeout: 30_000 });
    files.push(await screenshot(page, `settings-${locale}-${colorScheme}`));
    assert.deepEqual(problems, [], `the ${locale} ${colorScheme} pages should render without errors`);
  } finally {
    await context.close();
    await server.stop();
  }
  for (const f of files) assert.ok(statSync(f).size > 10_000, `${f} should be a real screenshot`);
}

test('screenshots in English, light theme', async () => {
  await shoot('en', 'light');
});

test('screenshots in Chinese, dark theme', async () => {
  await shoot('zh-CN', 'dark');
});
