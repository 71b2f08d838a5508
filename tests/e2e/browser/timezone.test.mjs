// One zone, one label: KooGallery counts deadlines and months in UTC+8, so the dashboard,
// orders and cases all show their times there and name the zone the same way — UTC+8 in
// English, 北京时间 in Chinese (as the core's own deadline notices do). Cases once showed
// the same deadline in local time that the dashboard showed in UTC+8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

async function walk(locale, label, other) {
  const server = await startServer({ locale });
  const browser = await launch();
  // A seller outside UTC+8, so their own clock differs and is offered beside it.
  const { page, context, problems } = await openPage(browser);
  try {
    const texts = {};
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByTestId('orders-chart').waitFor();
    // The needs-action card quotes the core's own sentences, which name the zone the same way.
    texts.dashboard = await page.locator('main').textContent();
    await page.goto(`${server.url}/#/orders`);
    await page.getByTestId('orders-table').waitFor();
    texts.orders = await page.locator('[data-testid="orders-table"] thead').textContent();
    await page.goto(`${server.url}/#/cases`);
    await page.locator('[data-testid="case-row"] a').first().click();
    await page.getByTestId('case-now').waitFor();
    texts.caseNow = await page.getByTestId('case-now').textContent();
    texts.timeline = await page.getByTestId('timeline-step').first().textContent();
    for (const [where, text] of Object.entries(texts)) {
      assert.ok(text.includes(label), `${where} names the zone as ${label}`);
      assert.ok(!text.includes(other), `${where} does not also call it ${other}`);
    }
    const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore'].includes(tz)) {
      assert.ok(await page.getByTestId('timeline-step').first().locator('[title]').count(), 'the seller’s own clock is one hover away');
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await browser.close();
    await server.stop();
  }
}

test('English names the marketplace zone UTC+8 on every screen', async () => {
  await walk('en', 'UTC+8', '北京时间');
});

test('Chinese names it 北京时间 on every screen', async () => {
  await walk('zh-CN', '北京时间', 'UTC+8');
});
