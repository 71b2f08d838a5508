// The seller's worklist in Debian's Chromium against `gallerist serve` and its sandbox:
// a case walked from requirements to acceptance with a rejected delivery re-sent, an
// appeal filed when allowed and explained when not, an invoice issued before its
// deadline (a partial amount refused first) and the invoice to Huawei pre-checked,
// contacts that refuse a phone in the wrong form, and the same screens in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { catalog, openPage, screenshot, useWebMode } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { api, sandboxAccount } from '../lib/commands.mjs';

const web = useWebMode();
const en = catalog('en');
const zh = catalog('zh-CN');

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.alloc(16))]);

async function nodeIs(page, node) {
  await page.locator(`[data-testid="case-node"][data-node="${node}"]`).waitFor({ timeout: 20_000 });
}

async function openCase(page, url, productName) {
  await page.goto(`${url}/#/cases`);
  await page.locator('[data-testid="case-row"]', { hasText: productName }).getByRole('link').click();
  await page.getByTestId('case-head').waitFor();
}

function caseIdOf(page) {
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('case');
}

/** 4xx answers the test provoked on purpose; anything else is breakage. */
function unexpected(problems, allowed) {
  return problems.filter((p) => !allowed.some((re) => re.test(p)));
}

test('a case walks from requirements to acceptance, with a rejected delivery re-sent', async () => {
  const url = web.server.url;
  const opened = await api(url, 'sandbox_open_case', {
    flow: 'manual_service',
    product_name: 'E2E 实施服务',
    profile: 'prompt',
    amount: { minor: 250000, currency: 'CNY' },
    order_phone: null,
    opened_at: null,
  });
  await api(url, 'sandbox_case_act', { caseId: opened.id, actor: 'buyer', op: { submit_requirements: { documents: ['需求.docx'] } } });
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/cases?case=${opened.id}`);
    const toast = page.getByTestId('deadline-toast').first();
    await toast.waitFor({ timeout: 20_000 });
    assert.match(await toast.textContent(), /Invoice for/, 'the invoice due within 24 hours is announced in the app at start');

    await nodeIs(page, 'confirming_requirements');
    assert.match(await page.getByTestId('case-now').textContent(), /需求\.docx/, 'the buyer’s requirements are listed');
    await page.getByTestId('action-confirm_requirements').click();
    await nodeIs(page, 'providing_service');

    const proof = page.getByTestId('proof-text');
    assert.match(await proof.inputValue(), /Delivery statement\nOrder: /, 'an empty proof starts from the delivery template');
    await proof.fill('验收标准 1–3 已满足：迁移完成，报告已签字。');
    await page.getByTestId('proof-save-state').filter({ hasText: /Saved/ }).waitFor();
    await page.getByTestId('proof-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PNG });
    const refusal = await page.getByTestId('proof-file-error').textContent();
    assert.match(refusal, /report\.pdf/, 'the refusal names the file');
    assert.match(refusal, /PNG/, 'and says what it really is');
    await page.getByTestId('proof-file').setInputFiles({ name: 'acceptance.pdf', mimeType: 'application/pdf', buffer: PDF });
    const files = page.getByTestId('proof-files');
    await files.getByText('acceptance.pdf').waitFor();
    assert.match(await files.textContent(), /PDF · \d+ B/, 'an attached file shows what it is and its size');
    assert.equal(await proof.inputValue(), '验收标准 1–3 已满足：迁移完成，报告已签字。', 'a refused file loses no text');
    await screenshot(page, 'worklist-proof');
    await page.getByTestId('proof-deliver').click();
    await nodeIs(page, 'accepting');
    await page.getByTestId('delivered-proof').getByText('acceptance.pdf').waitFor({ timeout: 20_000 });

    await page.getByTestId('buyer-reason').fill('缺少签字页');
    await page.getByTestId('buyer-reject').click();
    await nodeIs(page, 'providing_service');
    assert.match(await page.getByTestId('rejection-reason').textContent(), /缺少签字页/, 'the buyer’s reason is shown to the seller');
    assert.match(await proof.inputValue(), /验收标准 1–3/, 'the rejected delivery is the starting point for the next one');
    await screenshot(page, 'worklist-rejected');

    await proof.fill('补充了签字页。');
    await page.getByTestId('proof-deliver').click();
    await nodeIs(page, 'accepting');
    await page.getByTestId('buyer-accept').click();
    await nodeIs(page, 'completed');
    await page.getByTestId('case-billable').waitFor();
    assert.equal(await page.getByTestId('proof-editor').count(), 0, 'a completed case has no editor, only the delivery as sent');
    assert.match(await page.getByTestId('delivered-proof').textContent(), /补充了签字页/);
    const steps = await page.getByTestId('timeline-step').count();
    assert.equal(steps, 6, 'the timeline shows submit, confirm, deliver, reject, deliver, accept');
    await screenshot(page, 'worklist-case-completed');
    assert.deepEqual(unexpected(problems, [/HTTP 400: POST \S+\/api\/attach_proof_file$/, /status of 400 \(Bad Request\)/]), [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('an appeal is offered after 5 idle days and explained before', async () => {
  const url = web.server.url;
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/cases`);
    await page.getByTestId('case-row').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('cases-filter-seller').click();
    const mine = await page.getByTestId('case-row').count();
    assert.ok(mine > 0, 'the seller has steps waiting');
    assert.match(await page.getByTestId('cases-filter-seller').textContent(), new RegExp(`${mine}`), 'the filter says how many');
    await page.getByTestId('cases-filter-all').click();
    await screenshot(page, 'worklist-cases');

    await openCase(page, url, '企业网盘 License');
    assert.equal(await page.getByTestId('action-appeal').isDisabled(), true, 'a 2-day-old delivery cannot be appealed yet');
    assert.match(await page.getByTestId('appeal-not-yet').textContent(), /5 days/, 'the page says why, next to the button');
    assert.match(await page.getByTestId('appeal-opens').textContent(), /An appeal opens after/, 'and when it opens');
    const refused = await fetch(`${url}/api/appeal_case`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: await sandboxAccount(url), caseId: caseIdOf(page), reason: '试试' }),
    });
    assert.equal(refused.status, 400, 'the core refuses the appeal too, not only the button');
    assert.match((await refused.json()).message, /5 days/);
    await screenshot(page, 'worklist-appeal-not-yet');

    await openCase(page, url, '等保测评咨询服务');
    assert.match(await page.getByTestId('appeal-why').textContent(), /more than 5 days/, 'the grounds are named');
    await page.getByTestId('action-appeal').click();
    await page.getByTestId('reason-input').fill('用户 6 天未验收，已附交付证明与承诺函');
    await page.getByTestId('reason-submit').click();
    await page.getByTestId('case-frozen').waitFor();
    assert.match(await page.getByTestId('appeal-pending').textContent(), /用户 6 天未验收/, 'the appeal and its reason are shown');
    assert.equal(await page.getByTestId('action-appeal').isDisabled(), true, 'a frozen case cannot be appealed twice');
    await screenshot(page, 'worklist-appeal-filed');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the invoice due within 24 hours is issued before its deadline and leaves the needs-action list', async () => {
  const url = web.server.url;
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/dashboard`);
    const due = page.locator('[data-testid="needs-item"][data-kind="invoice_due"]').first();
    await due.waitFor({ timeout: 20_000 });
    assert.match(await due.textContent(), /\d+ h left/, 'the countdown is in words');
    assert.equal(await page.getByTestId('needs-item').first().getAttribute('data-id'), await due.getAttribute('data-id'), 'the urgent invoice comes first');
    const id = await due.getAttribute('data-id');
    await screenshot(page, 'worklist-dashboard');
    await due.getByRole('link').click();
    const row = page.locator(`[data-testid="invoice-row"][data-id="${id}"]`);
    await row.waitFor();
    assert.match(await row.getByTestId('invoice-due').textContent(), /Issue by \d{4}-\d{2}-\d{2} \(UTC\+8\) · \d+ h left/, 'the deadline and countdown');
    await row.getByTestId('invoice-issue').click();
    assert.equal(await row.getByTestId('invoice-amount').inputValue(), '1280.00', 'the amount starts as the order amount');
    await row.getByTestId('invoice-number').fill('04400261');
    await row.getByTestId('invoice-amount').fill('1000.00');
    await row.getByTestId('invoice-submit').click();
    await row.getByRole('alert').waitFor();
    assert.match(await row.getByRole('alert').textContent(), /1280\.00/, 'a partial amount is refused, naming the order amount');
    assert.equal(await row.getByTestId('invoice-number').inputValue(), '04400261', 'nothing typed is lost');
    await screenshot(page, 'worklist-invoice-refused');
    await row.getByTestId('invoice-amount').fill('1280.00');
    await row.getByTestId('invoice-submit').click();
    await row.getByTestId('invoice-issue').waitFor({ state: 'detached' });
    assert.match(await row.textContent(), /Invoice 04400261 issued/);
    await screenshot(page, 'worklist-invoices');

    await page.getByTestId('tab-types').click();
    assert.ok((await page.locator('[data-testid="kind-option"][data-offered="false"]').count()) > 0, 'types not offered are listed');
    await screenshot(page, 'worklist-invoice-types');

    await page.getByTestId('tab-huawei').click();
    await page.getByTestId('joint-list').first().check();
    const { certified } = await api(url, 'get_contacts', { accountId: await sandboxAccount(url) });
    const listAmount = await page.getByTestId('joint-amount').inputValue();
    const shortBy = (Number(listAmount.replace('.', '')) - 100).toString();
    await page.getByTestId('joint-number').fill('31002600001234');
    await page.getByTestId('joint-seller').fill(certified.company_name);
    await page.getByTestId('joint-taxpayer').fill(certified.taxpayer_id);
    await page.getByTestId('joint-amount').fill(`${shortBy.slice(0, -2)}.${shortBy.slice(-2)}`);
    await page.getByTestId('joint-check').click();
    assert.match(await page.getByTestId('joint-problems').textContent(), new RegExp(listAmount.replace('.', '\\.')), 'one yuan short is named against the list amount');
    await screenshot(page, 'worklist-joint');
    await page.getByTestId('joint-amount').fill(listAmount);
    await page.getByTestId('joint-check').click();
    await page.getByTestId('joint-ok').waitFor();

    await page.goto(`${url}/#/dashboard`);
    await page.getByTestId('needs-action').locator('ul, [data-testid="needs-empty"]').first().waitFor();
    assert.equal(await page.locator(`[data-testid="needs-item"][data-id="${id}"]`).count(), 0, 'an issued invoice needs nothing more');
    assert.deepEqual(unexpected(problems, [/HTTP 400: POST \S+\/api\/invoice_action$/, /status of 400 \(Bad Request\)/]), [], 'no other failures');
  } finally {
    await context.close();
  }
});

test('contacts show a phone in the wrong form under its field and do not save', async () => {
  const url = web.server.url;
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/contacts`);
    await page.getByTestId('phone-finance').fill('12345');
    const problem = page.getByTestId('problem-phone-finance');
    await problem.waitFor();
    assert.match(await problem.textContent(), /12345/, 'the problem names the phone, under the phone field');
    assert.equal(await page.getByTestId('phone-finance').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('contacts-save').isDisabled(), true, 'saving waits until the problem is fixed');
    const refused = await fetch(`${url}/api/save_contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountId: await sandboxAccount(url),
        settings: {
          contacts: [{ role: 'finance', name: '李娜', email: 'finance@demo-seller.example', phone: '12345' }],
          pre_sales: null,
          tickets: null,
        },
        invoiceKinds: [],
      }),
    });
    assert.equal(refused.status, 400, 'the core refuses to save it too');
    await screenshot(page, 'worklist-contacts');
    await page.getByTestId('phone-finance').fill('021-61234999');
    await problem.waitFor({ state: 'detached' });
    await page.getByTestId('contacts-save').click();
    await page.getByTestId('contacts-saved').filter({ hasText: en['contacts.synced'] }).waitFor({ timeout: 20_000 });
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the worklist reads in Chinese (dark theme)', async () => {
  const server = await startServer({ locale: 'zh-CN' });
  const { page, context, problems } = await openPage(web.browser, { colorScheme: 'dark' });
  try {
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByTestId('needs-item').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('#needs-title').textContent(), zh['needs.title']);
    assert.match(await page.getByTestId('needs-action').textContent(), /剩余 \d+ 小时/, 'the countdown is in Chinese');
    await screenshot(page, 'worklist-dashboard-zh');

    await page.goto(`${server.url}/#/cases`);
    await page.getByTestId('case-row').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('h1').textContent(), zh['nav.cases']);
    assert.equal(await page.getByTestId('honesty-note').textContent(), zh['worklist.honesty'], 'the honesty note is in Chinese');
    await screenshot(page, 'worklist-cases-zh');
    await openCase(page, server.url, '等保测评咨询服务');
    assert.match(await page.getByTestId('appeal-why').textContent(), /现在可以申诉/);
    await screenshot(page, 'worklist-case-zh');
    await openCase(page, server.url, '网站建设服务');
    await page.getByTestId('proof-editor').waitFor();
    assert.match(await page.getByTestId('proof-text').inputValue(), /^交付说明/, 'the delivery template in Chinese');
    await screenshot(page, 'worklist-proof-zh');

    await page.goto(`${server.url}/#/invoices`);
    await page.getByTestId('invoice-row').first().waitFor();
    assert.match(await page.getByTestId('invoice-due').first().textContent(), /请于 .*（北京时间）前开票 · 剩余/);
    await screenshot(page, 'worklist-invoices-zh');
    await page.goto(`${server.url}/#/contacts`);
    await page.getByTestId('phone-finance').fill('12345');
    await page.getByTestId('problem-phone-finance').waitFor();
    assert.match(await page.getByTestId('problem-phone-finance').textContent(), /[\u4e00-\u9fff]/, 'the problem is in Chinese');
    await screenshot(page, 'worklist-contacts-zh');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('hardware ships with courier and tracking number, and a joint-operation License activates its code', async () => {
  const url = web.server.url;
  const opened = await api(url, 'sandbox_open_case', {
    flow: 'hardware',
    product_name: 'E2E 边缘网关',
    profile: 'prompt',
    amount: { minor: 420000, currency: 'CNY' },
    order_phone: '13912345678',
    opened_at: null,
  });
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/cases?case=${opened.id}`);
    await nodeIs(page, 'providing_service');
    await page.getByTestId('action-ship').click();
    await page.getByTestId('ship-courier').fill('顺丰速运');
    await page.getByTestId('ship-tracking').fill('SF1234567890');
    await page.getByTestId('ship-phone').fill('12345');
    await page.getByTestId('ship-submit').click();
    const dialog = page.getByTestId('ship-dialog');
    assert.match(await dialog.getByRole('alert').textContent(), /“12345” is not a phone number/, 'the wrong phone is named in the dialog');
    assert.equal(await page.getByTestId('ship-tracking').inputValue(), 'SF1234567890', 'nothing typed is lost');
    await page.getByTestId('ship-phone').fill('13912345678');
    await page.getByTestId('ship-submit').click();
    await nodeIs(page, 'accepting');
    assert.match(await page.getByTestId('case-now').textContent(), /SF1234567890/, 'the shipment is shown');

    await openCase(page, url, '联营 CRM License');
    await page.getByTestId('action-activate_auth_code').click();
    await nodeIs(page, 'uploading_delivery_proof');
    await page.getByTestId('proof-editor').waitFor();
    assert.equal(await page.getByTestId('proof-start').count(), 0, 'the activation time is the start; no other can be entered');
    await screenshot(page, 'worklist-joint-license');
    assert.deepEqual(unexpected(problems, [/HTTP 400: POST \S+\/api\/case_step$/, /status of 400 \(Bad Request\)/]), [], 'no other failures');
  } finally {
    await context.close();
  }
});

test('a case’s action card names the real next step, not only greyed-out buttons', async () => {
  const url = web.server.url;
  const opened = await api(url, 'sandbox_open_case', {
    flow: 'manual_service',
    product_name: 'E2E 下一步',
    profile: 'prompt',
    amount: { minor: 120000, currency: 'CNY' },
    order_phone: null,
    opened_at: null,
  });
  await api(url, 'sandbox_case_act', { caseId: opened.id, actor: 'buyer', op: { submit_requirements: { documents: ['需求.docx'] } } });
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${url}/#/cases?case=${opened.id}`);
    await nodeIs(page, 'confirming_requirements');
    const next = page.getByTestId('case-next');
    assert.equal(await next.getAttribute('data-kind'), 'step');
    assert.match(await next.textContent(), /Confirm requirements/i, 'a step the seller can take here is named');

    await page.getByTestId('action-confirm_requirements').click();
    await nodeIs(page, 'providing_service');
    await page.locator('[data-testid="case-next"][data-kind="deliver"]').waitFor();
    assert.match(await next.textContent(), /delivery proof below/, 'the delivery, done in the card below, is named as the next step');
    await page.getByTestId('case-next-go').click();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="proof-editor"]') !== null);
    await screenshot(page, 'case-next-deliver');

    await openCase(page, url, '企业网盘 License');
    assert.match(await next.getAttribute('data-kind'), /^(buyer|wait)$/, 'at the buyer’s step the card says whose turn it is');
    assert.match(await next.textContent(), /buyer/, 'and names the buyer');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
