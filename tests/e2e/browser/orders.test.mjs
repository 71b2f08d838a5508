import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastNumber, openPage, useWebMode } from '../lib/browser.mjs';

const MOCK_ID = 'MOCKPERIODYEARNEW';

const web = useWebMode();

test('the orders table lists the demo orders and search narrows to a known mock order', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/orders`);
    const table = page.getByTestId('orders-table');
    await table.waitFor();

    const totalEl = page.getByTestId('orders-total');
    const before = lastNumber(await totalEl.textContent());
    assert.ok(before > 0, `the total should count the stored orders, got "${await totalEl.textContent()}"`);
    const rows = await table.locator('tbody tr').count();
    assert.ok(rows > 0 && rows <= 50, `the first page should show between 1 and 50 rows, got ${rows}`);

    await page.getByTestId('orders-search').fill(MOCK_ID);
    await page.waitForFunction(
      ({ id }) => {
        const body = document.querySelector('[data-testid="orders-table"] tbody');
        if (!body) return false;
        const trs = [...body.querySelectorAll('tr')];
        return trs.length > 0 && trs.every((tr) => tr.textContent?.includes(id));
      },
      { id: MOCK_ID },
      { timeout: 10_000 },
    );
    const firstRow = table.locator('tbody tr').first();
    assert.ok((await firstRow.textContent())?.includes(MOCK_ID), `a row with order id ${MOCK_ID} should remain`);
    const after = lastNumber(await totalEl.textContent());
    assert.ok(after >= 1 && after < before, `search should narrow the total (was ${before}, now ${after})`);

    assert.deepEqual(problems, [], 'the orders page should work without console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the order-type filter and paging agree with the total', async () => {
  const { page, context } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/orders`);
    await page.getByTestId('orders-table').waitFor();
    const total = lastNumber(await page.getByTestId('orders-total').textContent());
    if (total > 50) {
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.waitForFunction(() =>
        /^\s*51/.test(document.querySelector('[data-testid="orders-total"]')?.textContent ?? ''),
      );
    }
    await page.getByTestId('orders-type').selectOption('TRIAL');
    await page.waitForFunction(() => {
      const chips = [...document.querySelectorAll('[data-testid="orders-table"] tbody tr td:nth-child(2)')];
      return chips.length > 0 && chips.every((c) => c.textContent?.includes('Trial') && !c.textContent.includes('paid'));
    });
    const text = await page.getByTestId('orders-total').textContent();
    assert.match(text ?? '', /^\s*1–/, 'changing the filter should go back to the first page');
    assert.ok(lastNumber(text) < total, 'filtering by type should narrow the total');
  } finally {
    await context.close();
  }
});
