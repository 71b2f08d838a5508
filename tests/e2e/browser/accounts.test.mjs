// Adding, testing, editing and removing an account through Settings → Accounts.
// Keys go to the OS keychain: under `cargo xtask test` a throwaway GNOME Keyring
// answers; on a machine without one the UI must say so in words and add nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, startServer } from '../lib/server.mjs';
import { launch, openPage } from '../lib/browser.mjs';

// A stand-in for the seller's marketplace account, with keys the test knows.
const SELLER = { ak: 'E2ESELLERACCESSKEY01', sk: 'e2e-right-secret-key-value' };
let server;
let market;
let browser;

before(async () => {
  server = await startServer();
  market = await startSandbox(SELLER);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await market?.stop();
  await server?.stop();
});

test('an empty form names the missing fields instead of calling the core', async () => {
  const { page, context, problems } = await openPage(browser);
  try {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId('add-account').click();
    const form = page.getByTestId('account-form');
    await form.getByTestId('account-form-save').click();
    const invalid = await form.locator('[aria-invalid="true"]').count();
    assert.ok(invalid >= 3, `name, access key id and secret key should be marked, got ${invalid}`);
    assert.equal(await page.getByTestId('account-row').count(), 1, 'nothing should be added');
    assert.deepEqual(problems, [], 'client-side checks should not hit the core');
  } finally {
    await context.close();
  }
});

test('a wrong secret key is explained as APIGW.0301; replacing it connects; removing takes the account away', async (t) => {
  const { page, context } = await openPage(browser);
  try {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId('add-account').click();
    const form = page.getByTestId('account-form');
    await form.getByTestId('account-form-name').fill('E2E shop');
    await form.getByTestId('account-form-site').selectOption('custom');
    await form.getByTestId('account-form-url').fill(market.url);
    await form.getByTestId('account-form-ak').fill(SELLER.ak);
    await form.getByTestId('account-form-sk').fill('e2e-WRONG-secret-key');
    await form.getByTestId('account-form-save').click();

    const outcome = await Promise.race([
      page.getByTestId('accounts-flash').waitFor().then(() => 'added'),
      form.getByRole('alert').waitFor().then(() => 'refused'),
    ]);

    if (outcome === 'refused') {
      const text = (await form.getByRole('alert').textContent()) ?? '';
      assert.match(text, /keychain/i, `without a keychain the form should say so, got "${text}"`);
      assert.equal(await page.getByTestId('account-row').count(), 1, 'no half-made account should appear');
      // cargo xtask test provides a Secret Service, so there the refusal is a failure.
      assert.notEqual(process.env.GALLERIST_EXPECT_KEYCHAIN, '1', `a keychain was expected: ${text}`);
      t.diagnostic('no Secret Service on this machine: checked the refusal path only');
      return;
    }

    const row = page.getByTestId('account-row').filter({ hasText: 'E2E shop' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /In the system keychain/, 'the row should say where the key went');
    assert.doesNotMatch((await page.content()) ?? '', /e2e-WRONG-secret-key/, 'the secret is never shown again');

    await row.getByTestId('test-connection').click();
    const result = row.getByTestId('connection-result');
    await result.waitFor({ timeout: 30_000 });
    const refused = (await row.locator('.result').textContent()) ?? '';
    assert.match(refused, /Not connected/, `wrong keys should be reported in words, got "${refused}"`);
    assert.match(refused, /APIGW\.0301/, `the gateway's code should be shown, got "${refused}"`);
    assert.match(refused, /signature/i, `the explanation should say the signature was refused, got "${refused}"`);
    assert.match(refused, /clock/i, `the next step should mention the clock, got "${refused}"`);

    await row.getByTestId('edit-account').click();
    await row.getByRole('button', { name: 'Replace' }).first().click();
    await row.getByTestId('account-form-sk').fill(SELLER.sk);
    await row.getByTestId('account-form-save').click();
    await row.getByTestId('test-connection').waitFor();
    await row.getByTestId('test-connection').click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="connection-result"]')].some((e) => /MKT\.0000/.test(e.textContent ?? '')),
      null,
      { timeout: 30_000 },
    );
    const fixed = (await row.getByTestId('connection-result').textContent()) ?? '';
    assert.match(fixed, /Connected/, `with the right key the account connects, got "${fixed}"`);

    await row.getByTestId('remove-account').click();
    await row.getByTestId('confirm-remove').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 1);
    assert.match(
      (await page.getByTestId('accounts-flash').textContent()) ?? '',
      /removed/,
      'removing should be confirmed in words',
    );
  } finally {
    await context.close();
  }
});
