// The seller's worklist in Debian's Chromium against `gallerist serve` and its sandbox:
// a case walked from requirements to acceptance with a rejected delivery re-sent, an
// appeal filed when allowed and explained when not, an invoice issued before its
// deadline, and contacts that refuse a phone in the wrong form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { openPage, screenshot, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();

async function api(command, args) {
  const r = await fetch(`${web.server.url}/api/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = await r.json();
  assert.ok(r.ok, `${command} should succeed: ${JSON.stringify(body)}`);
  return body;
}

async function account() {
  const accounts = await api('list_accounts', {});
  return accounts.find((a) => a.isSandbox).id;
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.alloc(16))]);

async function nodeIs(page, node) {
  await page.locator(`[data-testid="case-node"][data-node="${node}"]`).waitFor({ timeout: 20_000 });
}

/** 4xx answers the test provoked on purpose; anything else is breakage. */
function unexpected(problems, allowed) {
  return problems.filter((p) => !allowed.some((re) => re.test(p)));
}

test('a case walks from requirements to acceptance, with a rejected delivery re-sent', async () => {
  const accountId = await account();
  const opened = await api('sandbox_open_case', {
    flow: 'manual_service',
    product_name: 'E2E 实施服务',
    profile: 'prompt',
    amount: { minor: 250000, currency: 'CNY' },
    order_phone: null,
    opened_at: null,
  });
  await api('sandbox_case_act', { caseId: opened.id, actor: 'buyer', op: { submit_requirements: { documents: ['需求.docx'] } } });
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/cases?case=${opened.id}`);
    await nodeIs(page, 'confirming_requirements');
    await page.getByTestId('action-confirm_requirements').click();
    await nodeIs(page, 'providing_service');

    await page.getByTestId('proof-text').fill('验收标准 1–3 已满足：迁移完成，报告已签字。');
    await page.getByTestId('proof-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PNG });
    const refusal = await page.getByTestId('proof-file-error').textContent();
    assert.match(refusal, /report\.pdf/, 'the refusal names the file');
    assert.match(refusal, /PNG/, 'and says what it really is');
    await page.getByTestId('proof-file').setInputFiles({ name: 'acceptance.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('proof-files').getByText('acceptance.pdf').waitFor();
    assert.equal(await page.getByTestId('proof-text').inputValue(), '验收标准 1–3 已满足：迁移完成，报告已签字。', 'a refused file loses no text');
    await screenshot(page, 'worklist-proof');
    await page.getByTestId('proof-deliver').click();
    await nodeIs(page, 'accepting');

    await page.getByTestId('buyer-reason').fill('缺少签字页');
    await page.getByTestId('buyer-reject').click();
    await nodeIs(page, 'providing_service');
    assert.match(await page.getByTestId('rejection-reason').textContent(), /缺少签字页/, 'the buyer’s reason is shown to the seller');

    await page.getByTestId('proof-text').fill('补充了签字页。');
    await page.getByTestId('proof-deliver').click();
    await nodeIs(page, 'accepting');
    await page.getByTestId('buyer-accept').click();
    await nodeIs(page, 'completed');
    await page.getByTestId('case-billable').waitFor();
    const steps = await page.getByTestId('timeline-step').count();
    assert.equal(steps, 6, 'the timeline shows submit, confirm, deliver, reject, deliver, accept');
    await screenshot(page, 'worklist-case-completed');
    assert.deepEqual(unexpected(problems, [/HTTP 400: POST \S+\/api\/attach_proof_file$/, /status of 400 \(Bad Request\)/]), [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('an appeal is offered after 5 idle days and explained before', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/cases`);
    await page.getByTestId('case-row').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'worklist-cases');
    await page.locator('[data-testid="case-row"]', { hasText: '企业网盘 License' }).getByRole('link').click();
    await page.getByTestId('case-head').waitFor();
    assert.equal(await page.getByTestId('action-appeal').isDisabled(), true, 'a 2-day-old delivery cannot be appealed yet');
    assert.match(await page.getByTestId('appeal-not-yet').textContent(), /5 days/, 'the page says when an appeal opens');

    await page.goto(`${web.server.url}/#/cases`);
    await page.locator('[data-testid="case-row"]', { hasText: '等保测评咨询服务' }).getByRole('link').click();
    await page.getByTestId('case-head').waitFor();
    await page.getByTestId('action-appeal').click();
    await page.getByTestId('reason-input').fill('用户 6 天未验收，已附交付证明与承诺函');
    await page.getByTestId('reason-submit').click();
    await page.getByTestId('case-frozen').waitFor();
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the invoice due within 24 hours is issued before its deadline and leaves the needs-action list', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/dashboard`);
    const due = page.locator('[data-testid="needs-item"][data-kind="invoice_due"]').first();
    await due.waitFor({ timeout: 20_000 });
    const id = await due.getAttribute('data-id');
    await screenshot(page, 'worklist-dashboard');
    await page.goto(`${web.server.url}/#/invoices?request=${id}`);
    const row = page.locator(`[data-testid="invoice-row"][data-id="${id}"]`);
    assert.match(await row.getByTestId('invoice-due').textContent(), /h left/, 'the countdown is in hours');
    await row.getByTestId('invoice-issue').click();
    await row.getByTestId('invoice-number').fill('04400261');
    await row.getByTestId('invoice-amount').fill('1000.00');
    await row.getByTestId('invoice-submit').click();
    await row.getByRole('alert').waitFor();
    assert.match(await row.getByRole('alert').textContent(), /1280\.00/, 'a partial amount is refused, naming the order amount');
    await row.getByTestId('invoice-amount').fill('1280.00');
    await row.getByTestId('invoice-submit').click();
    await row.getByTestId('invoice-issue').waitFor({ state: 'detached' });
    await screenshot(page, 'worklist-invoices');
    await page.goto(`${web.server.url}/#/dashboard`);
    await page.getByTestId('needs-action').locator('ul, [data-testid="needs-empty"]').first().waitFor();
    assert.equal(await page.locator(`[data-testid="needs-item"][data-id="${id}"]`).count(), 0, 'an issued invoice needs nothing more');
    assert.deepEqual(unexpected(problems, [/HTTP 400: POST \S+\/api\/invoice_action$/, /status of 400 \(Bad Request\)/]), [], 'no other failures');
  } finally {
    await context.close();
  }
});

test('contacts show a phone in the wrong form under its field and do not save', async () => {
  const { page, context, problems } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/contacts`);
    await page.getByTestId('phone-finance').fill('12345');
    await page.getByTestId('problem-finance').waitFor();
    assert.match(await page.getByTestId('problem-finance').textContent(), /12345/, 'the problem names the phone');
    assert.equal(await page.getByTestId('contacts-save').isDisabled(), true, 'saving waits until the problem is fixed');
    await screenshot(page, 'worklist-contacts');
    await page.getByTestId('phone-finance').fill('021-61234999');
    await page.getByTestId('problem-finance').waitFor({ state: 'detached' });
    await page.getByTestId('contacts-save').click();
    await page.getByTestId('contacts-saved').waitFor();
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the worklist reads in Chinese', async () => {
  await api('set_locale', { locale: 'zh-CN' });
  const { page, context } = await openPage(web.browser);
  try {
    await page.goto(`${web.server.url}/#/cases`);
    await page.getByTestId('case-row').first().waitFor({ timeout: 20_000 });
    assert.match(await page.locator('h1').textContent(), /服务监管/, 'the cases page is titled in Chinese');
    await screenshot(page, 'worklist-cases-zh');
    await page.goto(`${web.server.url}/#/invoices`);
    await page.getByTestId('invoice-row').first().waitFor();
    await screenshot(page, 'worklist-invoices-zh');
  } finally {
    await api('set_locale', { locale: 'en' });
    await context.close();
  }
});
