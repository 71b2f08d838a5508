// Bills in Debian's Chromium against `gallerist serve`: the overview's monthly trend
// (hovered), a bill with its waterfall and lines, and an order the bill run held back,
// with the condition that holds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, catalog, openPage, screenshot, useWebMode } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { api, sandboxAccount } from '../lib/commands.mjs';

const web = useWebMode();
const zh = catalog('zh-CN');

test('the overview, a bill and a held-back order explain themselves', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/bills`);
    const chart = page.getByTestId('bills-trend');
    await chart.waitFor({ timeout: 20_000 });
    // The chart library loads with the first chart: hover once it has drawn.
    await chart.locator('canvas').first().waitFor({ timeout: 20_000 });
    const box = await chart.boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.locator('div', { hasText: /CNY/ }).last().waitFor();
    await screenshot(page, 'bills-overview');

    await page.getByTestId('bills-tab-bills').click();
    // A paid bill (its stage chip is green): the platform-fee invoice can be asked for.
    await page.locator('[data-testid="bill-row"]', { has: page.locator('.wl-chip.ok') }).first().getByRole('link').click();
    await page.getByTestId('bill-head').waitFor();
    await page.getByTestId('bill-waterfall').waitFor();
    await page.getByTestId('bill-line').first().waitFor();
    assert.ok((await page.getByTestId('bill-line').count()) > 0, 'a bill shows its lines');
    assert.equal(await page.getByTestId('bill-pipeline').locator('li').count(), 4, 'the bill shows its four settlement steps');
    assert.equal(await page.getByTestId('bill-pipeline').locator('li[aria-current="step"]').count(), 1, 'one step is the current one');
    await screenshot(page, 'bills-detail');

    // The bill is paid: ask Huawei for its platform-fee invoice.
    await page.getByTestId('fee-invoice-request').click();
    // Requested, or refused / failed in words: whichever comes first, so a failure names why.
    const card = page.getByTestId('fee-invoice');
    await card
      .locator('[data-testid="fee-invoice-status"][data-status="requested"], [data-testid="outgoing-refused"], [role="alert"]')
      .first()
      .waitFor({ timeout: 40_000 })
      .catch(() => {});
    assert.equal(
      await page.locator('[data-testid="fee-invoice-status"][data-status="requested"]').count(),
      1,
      `the request reached the sandbox; the card shows: ${await card.textContent()}`,
    );
    assert.match(await page.getByTestId('fee-invoice-status').textContent(), /Digital VAT special invoice/, 'the kind asked for is shown');
    await page.reload();
    await page.locator('[data-testid="fee-invoice-status"][data-status="requested"]').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('fee-invoice-request').count(), 0, 'a requested invoice cannot be asked for again');
    await page.getByTestId('fee-invoice').screenshot({ path: `${ARTIFACTS}/bills-fee-invoice.png` });

    await page.goto(`${web.server.url}/#/bills?tab=held`);
    const held = page.locator('[data-testid="held-row"][data-key="repaid"]').first();
    await held.waitFor();
    await held.getByRole('link').click();
    await page.getByTestId('why-card').waitFor();
    const repaid = page.locator('[data-testid="why-condition"][data-key="repaid"]');
    assert.equal(await repaid.getAttribute('data-pass'), 'false', 'the unrepaid credit line is the failing condition');
    assert.match(await page.getByTestId('why-verdict').textContent(), /Held back/, 'the card says the order is held back');
    const cumulative = page.locator('[data-testid="why-condition"][data-key="cumulative_amount"]');
    assert.equal(await cumulative.getAttribute('data-second-reading'), 'true', 'the CNY 1,000 condition is shown, marked as a second reading');
    assert.match(await cumulative.textContent(), /second reading/i, 'its words say it is a possible reason');
    if ((await cumulative.getAttribute('data-pass')) === 'false') {
      assert.equal(await cumulative.locator('.mark').textContent(), '?', 'an unmet second reading is not marked as a failure');
    }
    await screenshot(page, 'bills-why');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('reconciliation names the bill mistakes and exports them; the run calendar can be corrected', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/bills?tab=reconcile`);
    await page.getByTestId('reconcile-summary').waitFor({ timeout: 20_000 });
    for (const cause of ['missing', 'extra', 'net_differs', 'period_differs']) {
      assert.ok(
        (await page.locator(`[data-testid="variance"][data-cause="${cause}"]`).count()) > 0,
        `the sandbox's ${cause} mistake is listed`,
      );
    }
    const wrongRate = page.locator('[data-testid="variance"][data-cause="net_differs"]').first();
    assert.match(await wrongRate.textContent(), /-[\d,]+\.\d\d CNY/, 'a line billed at too high a fee shows a negative difference');
    await screenshot(page, 'bills-reconcile');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-reconcile').getByTestId('export-csv').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^gallerist-reconciliation-.*\.csv$/, 'the export is a named csv');
    await page.getByTestId('export-reconcile').getByRole('status').waitFor();

    await page.getByTestId('bills-tab-calendar').click();
    const december = page.getByTestId('run-2026-12').getByTestId('cn-run');
    await december.waitFor();
    assert.equal(await december.textContent(), '2026-12-03', 'the CN run is on Thursday the 3rd');
    await page.getByTestId('calendar-day').fill('2026-12-03');
    await page.getByTestId('add-holiday').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="run-2026-12"] [data-testid="cn-run"]')?.textContent === '2026-12-04');
    await screenshot(page, 'bills-calendar');
    await page.getByRole('button', { name: 'Back to the built-in calendar' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="run-2026-12"] [data-testid="cn-run"]')?.textContent === '2026-12-03');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

/** A console bill export as a seller keeps it: thousands separators, full-width digits,
 *  a formula-injection cell and a broken amount. */
const EXPORT = Buffer.from(
  '\uFEFF账单编号,账期,订单号,商品名称,销售金额,平台服务费比例,结算金额\r\n' +
    'HWB202609-E2E,2026-09,CS2609100001,企业网盘 License,"1,234.00",13%,"1,073.58"\r\n' +
    "HWB202609-E2E,2026-09,CS2609100002,=cmd|'/c calc'!A1,５００.００,13%,435.00\r\n" +
    'HWB202609-E2E,2026-09,CS2609100003,数据迁移实施服务,800.00,2.5%,780.00\r\n' +
    'HWB202609-E2E,2026-09,CS2609100004,OCR 识别 API,abc,15%,0.00\r\n',
  'utf8',
);

test('a console export is previewed, imported once, and the totals change', async () => {
  const url = web.server.url;
  const account = await sandboxAccount(url);
  const before = await api(url, 'settlement_overview', { accountId: account });
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/bills?tab=import`);
    await page.getByTestId('import-file').setInputFiles({ name: '账单明细-2026-09.csv', mimeType: 'text/csv', buffer: EXPORT });
    await page.getByTestId('import-preview').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('count-new').textContent(), /^3 /, 'three good rows are new');
    assert.match(await page.getByTestId('count-errors').textContent(), /^1 /, 'one row has an error');
    assert.equal(await page.locator('[data-kind="formula"][data-severity="warning"]').count(), 1, 'the =cmd cell is flagged as a formula kept as text');
    assert.equal(await page.locator('[data-kind="amount"][data-severity="error"]').count(), 1, "the 'abc' amount is named");
    assert.match(await page.getByTestId('import-adds').textContent(), /2,534\.00/, 'the preview shows what the import adds: 1,234 + ５００ + 800');
    await screenshot(page, 'bills-import-preview');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    assert.match(await page.getByTestId('import-done').textContent(), /3 lines imported/, 'the wizard says what it stored');

    const after = await api(url, 'settlement_overview', { accountId: account });
    assert.equal(after.lines, before.lines + 3, 'the overview counts the three imported lines');
    await page.getByTestId('bills-tab-bills').click();
    const row = page.locator('[data-testid="bill-row"]', { hasText: 'HWB202609-E2E' });
    await row.waitFor();
    assert.match(await row.textContent(), /2,534\.00 CNY/, 'the imported bill carries the new gross');

    await page.getByTestId('bills-tab-import').click();
    await page.getByTestId('import-file').setInputFiles({ name: '账单明细-2026-09.csv', mimeType: 'text/csv', buffer: EXPORT });
    await page.getByTestId('import-previous').waitFor();
    assert.equal(await page.getByTestId('import-commit').isDisabled(), true, 'a re-import has nothing to add');
    assert.match(await page.getByTestId('count-stored').textContent(), /^3 /, 'its three lines are already stored');
    const again = await api(url, 'settlement_overview', { accountId: account });
    assert.equal(again.lines, after.lines, 'previewing the same file again changes nothing');
    await screenshot(page, 'bills-import-again');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('a 100,000-line bill scrolls to its last line with only a screenful of rows in the page', async () => {
  const url = web.server.url;
  const account = await sandboxAccount(url);
  const rows = ['Bill ID,Bill Period,Order ID,Product Name,Currency,Sales Amount,Platform Fee,Settlement Amount'];
  for (let i = 1; i <= 100_000; i++) {
    rows.push(`BIG-2026-08,2026-08,CS26080${String(i).padStart(6, '0')},Gallerist Demo SaaS,CNY,100.00,13.00,87.00`);
  }
  const file = Buffer.from(rows.join('\n'), 'utf8').toString('base64');
  const preview = await api(url, 'import_preview', { accountId: account, fileName: 'big.csv', base64: file });
  assert.equal(preview.newLines, 100_000, 'every line of the big export is new');
  const done = await api(url, 'import_commit', { accountId: account, fileName: 'big.csv', fileSha256: preview.fileSha256, mapping: preview.mapping });
  assert.equal(done.imported, 100_000, 'all 100,000 lines are stored');

  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/bills?bill=BIG-2026-08`);
    const lines = page.getByTestId('bill-lines');
    await lines.waitFor({ timeout: 20_000 });
    await page.getByTestId('bill-line').first().waitFor();
    await lines.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator('[data-testid="bill-line"][aria-rowindex="100000"]');
    await last.waitFor({ timeout: 20_000 });
    assert.match(await last.textContent(), /CS26080100000/, 'the last line of the bill is reachable by scrolling');
    const rendered = await lines.locator('[role="row"]').count();
    assert.ok(rendered < 60, `only a screenful of rows exists in the page, not 100,000 (found ${rendered})`);
    await screenshot(page, 'bills-big');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('bills, reconciliation and the import wizard read in Chinese (dark theme)', async () => {
  const server = await startServer({ locale: 'zh-CN' });
  const { page, context, problems } = await openPage(web.browser, { colorScheme: 'dark' });
  try {
    await page.goto(`${server.url}/#/bills?tab=reconcile`);
    await page.getByTestId('reconcile-summary').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('bills-tab-reconcile').textContent(), zh['bills.tab.reconcile'], 'the tab is in Chinese');
    assert.match(await page.getByTestId('reconcile-summary').textContent(), /截至 .*预期 \d+ 行/, 'the summary is in Chinese');
    assert.match(
      await page.locator('[data-testid="variance"][data-cause="missing"]').first().textContent(),
      /账单中缺少该订单/,
      'the cause reads in Chinese',
    );
    await screenshot(page, 'bills-reconcile-zh');
    await page.getByTestId('bills-tab-import').click();
    await page.getByTestId('import-file').setInputFiles({ name: '账单明细.csv', mimeType: 'text/csv', buffer: EXPORT });
    await page.getByTestId('import-preview').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('count-new').textContent(), /^3 行新数据/, 'the counts are in Chinese');
    assert.match(await page.getByTestId('import-problems').textContent(), /疑似表格公式/, 'the formula warning is in Chinese');
    const problemsText = await page.getByTestId('import-problems').textContent();
    assert.doesNotMatch(problemsText, /is not an amount|looks like/, 'the core’s English detail is not shown in Chinese');
    assert.match(problemsText, /单元格内容：abc/, 'the refused cell is quoted in Chinese words');
    assert.equal(
      await page.getByTestId('map-3').locator('option:checked').textContent(),
      '商品名称',
      'the mapping names fields in Chinese',
    );
    await screenshot(page, 'bills-import-zh');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
    await server.stop();
  }
});
