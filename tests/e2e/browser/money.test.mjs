// Money reads one way on every table a seller compares: grouped thousands and the
// currency code ("22,000.00 CNY"). Orders once said "3,591.00", Cases and Bills
// "22000.00", bill tables had no currency on fee and net and no totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();
const MONEY = /^-?\d{1,3}(,\d{3})*\.\d\d [A-Z]{3}$/;

async function amounts(page, selector) {
  await page.locator(selector).first().waitFor({ timeout: 20_000 });
  return (await page.locator(selector).allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
}

test('orders, cases and bills show money with thousands separators and a currency code, and bill tables total', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    const url = web.server.url;
    await page.goto(`${url}/#/orders`);
    const orders = await amounts(page, '[data-testid="orders-table"] tbody td.num:has(.amount)');
    await page.goto(`${url}/#/cases`);
    const cases = await amounts(page, '[data-testid="case-row"] td.num:last-child');
    await page.goto(`${url}/#/bills?tab=bills`);
    const bills = await amounts(page, '[data-testid="bill-row"] td.num:not(:last-child)');
    for (const [where, list] of Object.entries({ orders, cases, bills })) {
      assert.ok(list.length > 0, `${where} lists amounts`);
      const odd = list.filter((s) => !MONEY.test(s));
      assert.deepEqual(odd, [], `every ${where} amount reads like 22,000.00 CNY`);
    }
    assert.ok([...orders, ...cases, ...bills].some((s) => s.includes(',')), 'the demo shop has amounts above a thousand, and they are grouped');

    const total = page.getByTestId('bills-total').first();
    const cells = (await total.locator('td.num').allTextContents()).map((s) => s.trim());
    assert.ok(MONEY.test(cells[0]), `the bills table totals its gross: ${cells[0]}`);
    const toMinor = (s) => Math.round(Number(s.replace(/[^\d.-]/g, '')) * 100);
    const currency = cells[0].slice(-3);
    const gross = (await page.locator('[data-testid="bill-row"] td.num:nth-child(5)').allTextContents())
      .map((s) => s.trim())
      .filter((s) => s.endsWith(currency))
      .reduce((a, s) => a + toMinor(s), 0);
    assert.equal(toMinor(cells[0]), gross, 'the total is the sum of the rows');
    await screenshot(page, 'money-bills-total');

    // One bill's lines end with the bill's totals, in the same shape.
    const first = page.getByTestId('bill-row').first();
    const rowGross = (await first.locator('td.num').first().textContent()).trim();
    await first.locator('a').first().click();
    const lineTotal = page.getByTestId('bill-lines-total');
    await lineTotal.waitFor({ timeout: 20_000 });
    assert.ok((await lineTotal.textContent()).includes(rowGross), `the bill's lines total its gross, ${rowGross}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
