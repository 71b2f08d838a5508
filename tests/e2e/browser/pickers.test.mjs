// Date and time fields follow the app's language, not the browser's: ISO order and a
// 24-hour clock with Chinese hints in a Chinese UI (the browser's pickers showed
// mm/dd/yyyy and AM/PM), and a time that does not exist is refused in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, useWebMode } from '../lib/browser.mjs';

const web = useWebMode({ locale: 'zh-CN' });

test('reception hours and calendar days are typed as 24-hour ISO text with Chinese hints', async () => {
  const { page, context, problems } = await openPage(web.browser, { colorScheme: 'dark' });
  try {
    await page.goto(`${web.server.url}/#/contacts`);
    const from = page.locator('[data-testid^="reception-"] input[data-testid$="-from"]').first();
    await from.waitFor({ timeout: 20_000 });
    assert.equal(await from.getAttribute('type'), 'text', 'not the browser’s time picker');
    assert.equal(await from.getAttribute('placeholder'), '时:分');
    assert.match(await from.inputValue(), /^\d\d:\d\d$/, 'the stored hour shows on a 24-hour clock');
    await from.fill('25:00');
    await from.press('Tab');
    assert.equal(await from.getAttribute('aria-invalid'), 'true', 'an hour that does not exist is refused');
    await from.fill('9:30');
    await from.press('Tab');
    assert.equal(await from.getAttribute('aria-invalid'), 'false');
    assert.equal(await from.inputValue(), '09:30', 'and a valid one is written the standard way on leaving the field');
    await screenshot(page, 'pickers-reception-zh-dark');

    await page.goto(`${web.server.url}/#/bills?tab=calendar`);
    const day = page.getByTestId('calendar-day');
    await day.waitFor({ timeout: 20_000 });
    assert.equal(await day.getAttribute('type'), 'text');
    assert.equal(await day.getAttribute('placeholder'), '年-月-日');
    await day.fill('2026-02-30');
    assert.equal(await day.getAttribute('aria-invalid'), 'true', 'February has no 30th');
    await day.fill('2026-12-03');
    assert.equal(await day.getAttribute('aria-invalid'), 'false');
    assert.equal(await page.getByTestId('add-holiday').isDisabled(), false, 'a real day can be added');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
