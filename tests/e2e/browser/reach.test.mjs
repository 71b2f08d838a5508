// The Settings table "how each object reaches KooGallery" must agree with the screens:
// it once said "Later version" for drafts, bills, invoices and cases (which all work) and
// offered console-export imports for invoices and cases (which have none). Both now come
// from lib/reach.ts; this walks the table, opens each object's screen, and checks that
// the screen says the same status and can do exactly what the row promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog, openPage, useWebMode } from '../lib/browser.mjs';

const web = useWebMode();

/** What a screen offers for a route, by the controls a seller would use. (Draft packs
 *  need a folder chooser, which only the desktop app has, so web mode cannot show them.) */
const OFFERS = {
  consoleImport: '[data-testid="bills-tab-import"], [data-testid="import-file"]',
};

test('every row of the Settings reach table matches what its screen says and can do', async () => {
  const { page, context, problems } = await openPage(web.browser);
  const en = catalog('en');
  try {
    await page.goto(`${web.server.url}/#/settings`);
    const rows = page.getByTestId('reach-row');
    await rows.first().waitFor();
    const table = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        object: tr.dataset.object,
        status: tr.dataset.status,
        page: tr.dataset.page,
        routes: tr.dataset.routes.split(' '),
        text: tr.textContent,
      })),
    );
    assert.ok(table.length >= 6, 'the table lists orders, drafts, bills, invoices, cases and the SaaS interface');
    for (const row of table) {
      assert.ok(!row.text.includes('Later version'), `${row.object} works today, so it is not "Later version"`);
    }
    assert.equal(table.find((r) => r.object === 'orders')?.status, 'live', 'orders are the one object with a live Open API');

    for (const row of table) {
      await page.goto(`${web.server.url}/#/${row.page}`);
      const note = page.getByTestId('reach-note');
      await note.waitFor();
      assert.equal(await note.getAttribute('data-status'), row.status, `the ${row.page} screen says the same status as the table's ${row.object} row`);
      assert.match(await note.textContent(), new RegExp(en[`reach.status.${row.status}`].replace(/[()]/g, '\\$&')), `the ${row.page} screen names its status in words`);
      await page.waitForLoadState('networkidle');
      for (const [route, selector] of Object.entries(OFFERS)) {
        const offered = (await page.locator(selector).count()) > 0;
        assert.equal(offered, row.routes.includes(route), `${row.object}: the table ${row.routes.includes(route) ? 'promises' : 'does not promise'} "${route}", and the ${row.page} screen ${offered ? 'offers' : 'does not offer'} it`);
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the Chinese reach table has no "后续版本" and names the Seller Sync API one way', async () => {
  const { startServer } = await import('../lib/server.mjs');
  const server = await startServer({ locale: 'zh-CN' });
  const { page, context } = await openPage(web.browser);
  try {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId('reach-row').first().waitFor();
    const text = await page.locator('table').filter({ has: page.getByTestId('reach-row') }).textContent();
    assert.ok(!text.includes('后续版本'), 'nothing that works is called a later version');
    assert.ok(!text.includes('Seller Sync API'), 'the Seller Sync API has its Chinese name');
    assert.ok(text.includes('卖家同步接口'), 'the Seller Sync API is called 卖家同步接口');
  } finally {
    await context.close();
    await server.stop();
  }
});
