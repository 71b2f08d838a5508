// Every screen at 1280×800 — English and Chinese, light and dark — must fit the window:
// a page wider than the window hides columns a seller needs (the import preview once
// grew to ~1,540 px and cut off "how recognised" and the sample rows). Each view is
// also kept as a screenshot under tests/e2e/artifacts/ (git-ignored) for people to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, openPage, screenshot } from '../lib/browser.mjs';

const VIEWPORT = { width: 1280, height: 800 };

/** A console bill export as wide as the real one (every column it carries), with a
 *  formula cell and a broken amount, so the preview shows its mapping, problems and a
 *  wide sample. */
const HEADERS = ['账单编号', '账期', '订单号', '订单明细', '商品ID', '商品名称', '商品类型', '订单类型', '客户账号', '支付时间', '生效时间', '币种', '不含税金额', '含税金额', '税额', '客户预提税', '平台服务费比例', '分成比例', '运营管理费比例', '平台服务费', '预提税', '数字服务税', '结算金额', '服务监管状态', '后付费客户还款状态', '账单状态'];
const row = (order, name, amount) =>
  ['HWB202609-OVF', '2026-09', order, `${order}-01`, 'OFFER-00000000-1111-2222', name, 'SaaS 类', '新购', 'hw_customer_account_0001', '2026-09-03 10:21:09', '2026-09-03 10:21:09', 'CNY', amount, '"1,345.06"', '111.06', '0.00', '13%', '87%', '0%', '160.42', '0.00', '0.00', '"1,073.58"', '服务监管中', '不涉及', '已出账'].join(',');
const EXPORT = Buffer.from(
  '\uFEFF' + HEADERS.join(',') + '\r\n' +
    row('CS2609100001', '企业网盘 License 年度订阅（含 500 用户与专属技术支持）', '"1,234.00"') + '\r\n' +
    row('CS2609100002', "=cmd|'/c calc'!A1", '５００.００') + '\r\n' +
    row('CS2609100004', 'OCR 识别 API', 'abc') + '\r\n',
  'utf8',
);

/** The views a seller walks: [name, hash, what to wait for]. */
const VIEWS = [
  ['dashboard', '#/dashboard', '[data-testid="orders-chart"] canvas'],
  ['listings', '#/listings', 'main h1'],
  ['listings-marketplace', '#/listings?tab=marketplace', 'main h1'],
  ['orders', '#/orders', '[data-testid="orders-table"]'],
  ['cases', '#/cases', '[data-testid="case-row"]'],
  ['bills-overview', '#/bills', '[data-testid="bills-tab-overview"]'],
  ['bills-list', '#/bills?tab=bills', '[data-testid="bills-tab-bills"]'],
  ['bills-held', '#/bills?tab=held', '[data-testid="bills-tab-held"]'],
  ['bills-reconcile', '#/bills?tab=reconcile', '[data-testid="bills-tab-reconcile"]'],
  ['bills-import', '#/bills?tab=import', '[data-testid="import-file"]'],
  ['bills-calendar', '#/bills?tab=calendar', '[data-testid="bills-tab-calendar"]'],
  ['invoices', '#/invoices', 'main h1'],
  ['contacts', '#/contacts', 'main h1'],
  ['saas', '#/saas', 'main h1'],
  ['settings', '#/settings', 'main h1'],
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** How far the document and <main> (the app's scrolling container) overflow sideways,
 *  and the widest elements that stick out past <main>'s right edge. */
function measure() {
  const doc = document.documentElement;
  const main = document.querySelector('main');
  const edge = main ? main.getBoundingClientRect().right : doc.clientWidth;
  const culprits = [];
  if (main && main.scrollWidth > main.clientWidth) {
    for (const el of main.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 1 && !el.closest('.scroll, [data-scrolls]')) {
        culprits.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''} → ${Math.round(r.right)}px`);
      }
    }
  }
  // The browser's own pickers follow the browser's locale, not the app's (mm/dd/yyyy,
  // AM/PM and "Choose File" in a Chinese UI), so none may show.
  const natives = [...document.querySelectorAll('input[type="date"], input[type="time"], input[type="datetime-local"], input[type="file"]')]
    .filter((el) => el.getBoundingClientRect().width > 2 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => `${el.type}${el.dataset.testid ? '#' + el.dataset.testid : ''}`);
  return {
    natives,
    document: doc.scrollWidth - doc.clientWidth,
    main: main ? main.scrollWidth - main.clientWidth : 0,
    culprits: culprits.slice(0, 6),
  };
}

async function walk(locale, colorScheme) {
  const server = await startServer({ locale });
  const { page, context, problems } = await openPage(browser, { colorScheme, viewport: VIEWPORT });
  const overflowing = [];
  const nativePickers = [];
  try {
    const check = async (name) => {
      await page.waitForLoadState('networkidle');
      const m = await page.evaluate(measure);
      if (m.document > 1 || m.main > 1) overflowing.push(`${name}: document +${m.document}px, main +${m.main}px (${m.culprits.join('; ')})`);
      if (m.natives.length) nativePickers.push(`${name}: ${m.natives.join(', ')}`);
      await screenshot(page, `page-${name}-${locale}-${colorScheme}`);
    };
    for (const [name, hash, ready] of VIEWS) {
      await page.goto(`${server.url}/${hash}`);
      await page.locator(ready).first().waitFor({ state: 'attached', timeout: 30_000 });
      await check(name);
    }
    // The import preview after choosing a file: mapping, problems and sample rows.
    await page.goto(`${server.url}/#/bills?tab=import`);
    await page.getByTestId('import-file').setInputFiles({ name: '账单明细-2026-09-含较长文件名的导出.csv', mimeType: 'text/csv', buffer: EXPORT });
    await page.getByTestId('import-preview').waitFor({ timeout: 20_000 });
    await check('bills-import-preview');
    // One bill's detail and one case's detail.
    await page.goto(`${server.url}/#/bills?tab=bills`);
    await page.locator('[data-testid="bill-row"] a').first().click();
    await page.waitForLoadState('networkidle');
    await check('bill-detail');
    await page.goto(`${server.url}/#/cases`);
    await page.locator('[data-testid="case-row"] a').first().click();
    await page.getByTestId('case-head').waitFor();
    await check('case-detail');
    assert.deepEqual(problems, [], `the ${locale} ${colorScheme} pages render without errors`);
  } finally {
    await context.close();
    await server.stop();
  }
  assert.deepEqual(overflowing, [], `no ${locale} ${colorScheme} view is wider than a 1280 px window`);
  assert.deepEqual(nativePickers, [], `no ${locale} ${colorScheme} view shows the browser's own date, time or file picker`);
}

for (const locale of ['en', 'zh-CN']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`every page fits 1280×800 with the app's own pickers (${locale}, ${colorScheme})`, async () => {
      await walk(locale, colorScheme);
    });
  }
}
