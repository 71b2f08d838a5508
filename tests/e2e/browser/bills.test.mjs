// Bills in Debian's Chromium against `gallerist serve`: the overview's monthly trend
// (hovered), a bill with its waterfall and lines, and an order the bill run held back,
// with the condition that holds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();

test('the overview, a bill and a held-back order explain themselves', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/bills`);
    const chart = page.getByTestId('bills-trend');
    await chart.waitFor({ timeout: 20_000 });
    const box = await chart.boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.locator('div', { hasText: /CNY/ }).last().waitFor();
    await screenshot(page, 'bills-overview');

    await page.getByTestId('bills-tab-bills').click();
    await page.getByTestId('bill-row').first().getByRole('link').click();
    await page.getByTestId('bill-head').waitFor();
    await page.getByTestId('bill-waterfall').waitFor();
    assert.ok((await page.getByTestId('bill-line').count()) > 0, 'a bill shows its lines');
    await screenshot(page, 'bills-detail');

    await page.goto(`${web.server.url}/#/bills?tab=held`);
    const held = page.locator('[data-testid="held-row"][data-key="repaid"]').first();
    await held.waitFor();
    await held.getByRole('link').click();
    await page.getByTestId('why-card').waitFor();
    const repaid = page.locator('[data-testid="why-condition"][data-key="repaid"]');
    assert.equal(await repaid.getAttribute('data-pass'), 'false', 'the unrepaid credit line is the failing condition');
    assert.match(await page.getByTestId('why-verdict').textContent(), /Held back/, 'the card says the order is held back');
    await screenshot(page, 'bills-why');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});
