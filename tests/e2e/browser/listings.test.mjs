import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { openPage, screenshot, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();

/** A real, decodable RGB PNG of the given size (one grey colour), built by hand. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x99)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function newSaasDraft(page) {
  await page.goto(`${web.server.url}/#/listings`);
  await page.getByTestId('new-draft').selectOption('saas');
  await page.getByTestId('draft-name').waitFor();
}

test('a forbidden word in the name shows an issue on the field, goes when fixed, and the fix survives a reload', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await newSaasDraft(page);
    const name = page.getByTestId('draft-name');
    await name.fill('最佳数据库备份');
    const issue = page.locator('[data-testid="issue"][data-rule="content.absolute-words"][data-field="name"]');
    await issue.waitFor({ timeout: 10_000 });
    assert.match(await issue.textContent(), /absolute|绝对/, 'the issue explains the absolute-word rule');
    assert.equal(await name.getAttribute('aria-invalid'), 'true', 'the name field is marked');
    await screenshot(page, 'listing-forbidden-word');

    await name.fill('Acme 数据库备份');
    await issue.waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction(() => /Saved|已保存/.test(document.querySelector('[data-testid="save-state"]')?.textContent ?? ''));
    await page.reload();
    await page.getByTestId('draft-name').waitFor();
    assert.equal(await page.getByTestId('draft-name').inputValue(), 'Acme 数据库备份', 'autosave kept the fixed name');
    assert.deepEqual(problems, [], 'the editor works without console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('a 100×100 logo is measured and flagged, and a JPEG named .png is refused in words while the logo stays', async () => {
  const { page, context, problems } = await openPage(web.browser);
  const dir = mkdtempSync(join(tmpdir(), 'gallerist-logo-'));
  const small = join(dir, 'small.png');
  writeFileSync(small, png(100, 100));
  const fake = join(dir, 'fake.png');
  writeFileSync(fake, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 120, 0, 120, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]));
  try {
    await newSaasDraft(page);
    await page.getByTestId('logo-input').setInputFiles(small);
    const facts = page.getByTestId('logo-input-facts');
    await facts.waitFor();
    assert.match(await facts.textContent(), /PNG · 100 × 100 px/, 'the slot shows what was measured');
    const dims = page.locator('[data-testid="issue"][data-rule="logo.dimensions"]');
    await dims.waitFor({ timeout: 10_000 });
    assert.match(await dims.textContent(), /120/, 'the dimension issue names the required size');
    await screenshot(page, 'listing-logo-dimensions');

    await page.getByTestId('logo-input').setInputFiles(fake);
    const refusal = page.getByTestId('logo-input-error');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /fake\.png/, 'the refusal names the file');
    assert.match(await refusal.textContent(), /JPEG/, 'and says what it really is');
    assert.match(await facts.textContent(), /100 × 100/, 'the previous logo stays');
    const unexpected = problems.filter((p) => !/add_asset|400/.test(p));
    assert.deepEqual(unexpected, [], 'only the refused upload failed');
  } finally {
    await context.close();
  }
});

test('a draft submitted to the sandbox goes under review, and listed products and the sync status show in words', async () => {
  const { page, context, problems } = await openPage(web.browser);
  page.on('dialog', (d) => d.accept()); // the seller confirms submitting a draft that still has errors
  try {
    await newSaasDraft(page);
    await page.getByTestId('draft-name').fill('Acme 日志审计');
    await page.getByTestId('submit-draft').click({ timeout: 10_000 });
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 20_000 });
    assert.match(await timeline.textContent(), /Under review/, 'the application is pending at the sandbox');
    assert.equal(await page.getByTestId('submit-draft').count(), 0, 'a pending draft cannot be submitted twice');
    const widget = page.getByTestId('sync-widget');
    await page.waitForFunction(() => /synced/.test(document.querySelector('[data-testid="sync-widget"]')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.match(await widget.textContent(), /All changes synced/, 'the top bar says the change reached the server');
    await screenshot(page, 'listing-submitted');

    await page.goto(`${web.server.url}/#/listings?tab=marketplace`);
    await page.getByTestId('products-table').waitFor({ timeout: 20_000 });
    assert.ok((await page.getByTestId('product-row').count()) >= 3, 'the sandbox demo products are listed');
    await screenshot(page, 'listings-marketplace');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});
