// A database Gallerist cannot open must lead to a calm full-page explanation that
// names the file, not to a blank or half-working app.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { catalog, launch, openPage } from '../lib/browser.mjs';

const en = catalog('en');

let server;
let browser;

before(async () => {
  server = await startServer({
    prepare: (dir) => writeFileSync(join(dir, 'gallerist.sqlite3'), 'this is not an SQLite database, just text\n'.repeat(200)),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a corrupt database shows the boot screen with the file named and the code in small type', async () => {
  const { page, context } = await openPage(browser);
  try {
    await page.goto(`${server.url}/`);
    const screen = page.getByTestId('boot-error');
    await screen.waitFor({ timeout: 15_000 });
    const text = (await screen.textContent()) ?? '';
    assert.ok(text.includes(en['boot.title']), `the screen should say what happened in words, got "${text}"`);
    assert.match(text, /gallerist\.sqlite3/, 'the message from the core should name the database file');
    assert.ok(text.includes(en['common.errorCode'].replace('{code}', 'boot')), 'the code should be shown for support');
    assert.equal(await page.getByTestId('nav-dashboard').count(), 0, 'the broken app should not pretend to work');
  } finally {
    await context.close();
  }
});
