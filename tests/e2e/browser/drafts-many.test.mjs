// A seller with many drafts: the table renders a hundred rows, says how many there are,
// and shows the rest a hundred at a time as the seller scrolls to the end or asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();
const MANY = 150;

async function call(command, args) {
  const r = await fetch(`${web.server.url}/api/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  assert.ok(r.ok, `${command} answered ${r.status}`);
  return r.json();
}

test('150 drafts show as 100 rows with the total, and the rest on request or on scrolling to the end', async () => {
  for (let i = 0; i < MANY; i++) await call('create_draft', { productType: 'saas' });
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/listings`);
    const rows = page.getByTestId('draft-row');
    await rows.first().waitFor();
    assert.equal(await page.getByTestId('drafts-table').getAttribute('data-total'), String(MANY));
    assert.equal(await rows.count(), 100, 'only the first hundred rows are in the page');
    const more = page.getByTestId('drafts-more');
    assert.match(await more.textContent(), /Showing 100 of 150 drafts/);
    assert.match(await more.getByRole('button').textContent(), /Show 50 more/);

    // The button, pressed while the footer is still below the fold (a scroll would let
    // the end-of-table observer answer first).
    await more.getByRole('button').dispatchEvent('click');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="draft-row"]').length === 150);
    assert.equal(await more.count(), 0, 'with every row shown the footer goes');

    await page.getByTestId('drafts-search').fill('no such draft name');
    await page.getByText('No draft matches these filters.').first().waitFor();
    await page.getByTestId('drafts-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="draft-row"]').length === 100);

    await page.getByTestId('drafts-more').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="draft-row"]').length === 150);
    assert.equal(await rows.count(), 150, 'reaching the end of the table shows the rest');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});
