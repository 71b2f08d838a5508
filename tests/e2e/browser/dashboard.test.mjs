import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstNumber, openPage, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();

test('the dashboard opens on the sandbox account with demo orders and a drawn chart', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/`);

    const name = page.getByTestId('account-name');
    await name.waitFor();
    assert.equal((await name.textContent())?.trim(), 'Sandbox', 'the top bar should name the sandbox account');
    assert.equal(
      (await page.getByTestId('site-badge').textContent())?.trim(),
      'SANDBOX',
      'the account should carry the SANDBOX site badge',
    );

    const kpi = page.getByTestId('kpi-orders');
    await kpi.waitFor();
    const orders = firstNumber(await kpi.textContent());
    assert.ok(orders > 0, `the orders KPI should count the demo orders, got "${await kpi.textContent()}"`);

    const canvas = page.getByTestId('orders-chart').locator('canvas');
    await canvas.first().waitFor({ state: 'attached' });
    assert.ok((await canvas.count()) >= 1, 'the orders-per-month chart should be drawn on a canvas');
    const box = await canvas.first().boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `the chart canvas should have a real size, got ${JSON.stringify(box)}`);

    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, [], 'the dashboard should load without console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the sidebar reaches every page', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/`);
    await page.getByTestId('kpi-orders').waitFor();
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-table').waitFor();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('test-connection').first().waitFor();
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-row').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-invoices').click();
    await page.getByTestId('invoice-row').first().waitFor();
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-save').waitFor();
    await page.getByTestId('nav-bills').click();
    await page.getByTestId('bills-trend').waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('kpi-orders').waitFor();
    assert.deepEqual(problems, [], 'navigating should not log errors');
  } finally {
    await context.close();
  }
});
