import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();

test('Test connection on the sandbox account reports a signed MKT.0000 answer', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/settings`);
    const row = page.getByTestId('account-row').filter({ hasText: 'Sandbox' }).first();
    await row.waitFor();
    await row.getByTestId('test-connection').click();
    const result = row.getByTestId('connection-result');
    await result.waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    assert.match(text, /MKT\.0000/, `the outcome should quote the marketplace code, got "${text}"`);
    assert.match(text, /Connected/, `the outcome should say in words that it connected, got "${text}"`);
    assert.match(text, /\d+\s*ms/, `the outcome should give the latency, got "${text}"`);
    assert.deepEqual(problems, [], 'testing the connection should not log errors');
  } finally {
    await context.close();
  }
});
