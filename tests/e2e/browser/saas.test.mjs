// The SaaS integration page in Debian's Chromium against `gallerist serve`: the sandbox's
// reference seller server with one fault switched on turns exactly its check red, the
// check opens to the request sent and the answer received; the correct server is green;
// a slow server's checks appear one by one while the run is still going;
// a seller's own URL that regresses between two runs says what changed; the
// unified-login tester registers a tenant, a browser logs in through its authorize link
// to a tiny app that exchanges its code twice, and the panel shows that finding; and the
// page reads in Chinese in the dark theme without overflowing a small window; and a
// product picked, run once, brings its own settings back after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { ARTIFACTS, catalog, openPage, screenshot, useWebMode } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { api } from '../lib/commands.mjs';

const web = useWebMode();
const en = catalog('en');
const zh = catalog('zh-CN');

/** Runs the checks and waits for a run other than `previous` to be shown. */
async function runChecks(page, previous = null) {
  await page.getByTestId('saas-run').click();
  await page.waitForFunction(
    (before) => {
      const shown = document.querySelector('[data-testid="saas-results"]');
      return shown && shown.getAttribute('data-run') !== before && !document.querySelector('[data-testid="saas-busy"]');
    },
    previous,
    { timeout: 60_000 },
  );
  return page.getByTestId('saas-results').getAttribute('data-run');
}

/** A screenshot from the top of the page (a long table leaves <main> scrolled). */
async function shot(page, name) {
  await page.evaluate(() => document.querySelector('main').scrollTo(0, 0));
  await screenshot(page, name);
}

async function verdicts(page) {
  return page.$$eval('[data-testid="saas-check"]', (rows) => rows.map((r) => [r.dataset.check, r.dataset.verdict]));
}

/** Nothing is wider than the window: the page's main area and the document. */
async function assertFits(page, what) {
  const { main, doc, width } = await page.evaluate(() => {
    const m = document.querySelector('main');
    return { main: m.scrollWidth - m.clientWidth, doc: document.documentElement.scrollWidth, width: window.innerWidth };
  });
  assert.ok(main <= 0, `${what}: the page scrolls sideways by ${main}px`);
  assert.ok(doc <= width, `${what}: the document is ${doc}px wide in a ${width}px window`);
}

test('a fault turns exactly its check red, the check shows its request and answer; the correct server is green', async () => {
  const { page, context, problems } = await openPage(web.browser, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${web.server.url}/#/`);
    await page.getByTestId('nav-saas').click({ timeout: 20_000 });
    await page.getByTestId('saas-honesty').waitFor();
    assert.equal(await page.getByTestId('saas-honesty').textContent(), en['saas.honesty'], 'the page says these are not KooGallery certification');
    await page.locator('[data-testid="saas-reference"] option[value="no-activity"]').waitFor({ state: 'attached' });
    assert.equal(await page.getByTestId('saas-run').isDisabled(), true, 'nothing to run before a URL is given');

    await page.getByTestId('saas-reference').selectOption('no-activity');
    assert.match(await page.getByTestId('saas-url').inputValue(), /\/seller\/no-activity\/v2$/, 'the fault variant fills its URL');
    assert.equal(await page.getByTestId('saas-demo-key').textContent(), en['saas.accountSandbox'], 'the page says the sandbox signs with its demo key');
    await runChecks(page);

    const failing = (await verdicts(page)).filter(([, v]) => v === 'fail');
    assert.deepEqual(failing, [['v2.query.result-code', 'fail']], 'exactly the query check fails');
    const red = page.locator('[data-testid="saas-check"][data-verdict="fail"]');
    assert.equal(await red.locator('.chip.failed').textContent(), en['saas.verdict.fail'], 'its chip is red and says Failed');
    assert.equal(await page.getByTestId('saas-summary').getAttribute('data-failed'), '1');
    assert.equal(await page.getByTestId('saas-lead').textContent(), en['saas.results.failing']);
    assert.equal(
      await page.locator('[data-testid="saas-group"][data-area="auth"] [data-testid="saas-check"]').count() >= 3,
      true,
      'the refusals (signature, timestamp, nonce) have their own group',
    );
    const doc = red.getByRole('link', { name: en['saas.doc'] });
    assert.match(await doc.getAttribute('href'), /^https:\/\/support\.huaweicloud\.com\//, 'the check links its documentation');
    assert.equal(await doc.getAttribute('rel'), 'noreferrer');
    await assertFits(page, 'results at 1280×800');

    await red.getByTestId('saas-open-check').click();
    const inspector = page.getByTestId('saas-inspector');
    await inspector.waitFor();
    assert.match(await inspector.getByTestId('saas-request-line').textContent(), /^POST http:\/\/127\.0\.0\.1:\d+\/seller\/no-activity\/v2\?signature=[0-9A-F]+&timestamp=\d+&nonce=/, 'the request line is exactly what was sent');
    assert.match(await inspector.getByTestId('saas-request-body').first().textContent(), /\{"activity":"queryInstance",/, 'the body sent is shown byte for byte, as it was signed');
    await inspector.getByTestId('saas-formatted').first().check();
    assert.match(await inspector.getByTestId('saas-request-body').first().textContent(), /"activity": "queryInstance"/, 'and formatted on request');
    assert.equal(await inspector.getByTestId('saas-result-code').textContent(), 'resultCode 000002', "the answer's resultCode is visible");
    assert.match(await inspector.getByTestId('saas-answer-body').textContent(), /queryInstance is not implemented/, 'the answer body is shown');
    await screenshot(page, 'saas-inspector-en');
    await inspector.getByTestId('saas-inspector-close').click();
    await inspector.waitFor({ state: 'detached' });

    // A refusal check: its request is wrong on purpose and says so.
    await page.locator('[data-testid="saas-check"][data-check="v2.auth.wrong-signature"]').getByTestId('saas-open-check').click();
    assert.match(await page.getByTestId('saas-deliberately-bad').textContent(), /^Deliberately bad/, 'a deliberately bad request says so');
    await page.keyboard.press('Escape');
    await page.getByTestId('saas-inspector').waitFor({ state: 'detached' });

    await page.getByTestId('saas-reference').selectOption('correct');
    await page.getByTestId('saas-kit').check();
    assert.match(await page.getByTestId('saas-public-key').inputValue(), /^-----BEGIN PUBLIC KEY-----/, "the sandbox's demo Kit key is filled in");
    const before = await page.getByTestId('saas-results').getAttribute('data-run');
    await runChecks(page, before);
    const all = await verdicts(page);
    assert.deepEqual(all.filter(([, v]) => v === 'fail'), [], 'the correct server fails nothing');
    assert.ok(all.some(([id]) => id.startsWith('kit.')), 'the Kit was checked');
    for (const [id, v] of all.filter(([, v]) => v === 'warn')) {
      assert.match(id, /^url\./, `only the local http URL may warn (${id} is ${v})`);
    }
    assert.equal(await page.getByTestId('saas-lead').textContent(), en['saas.results.warnings']);
    assert.equal(await page.getByTestId('saas-history-run').count(), 1, 'the run is in the history of its URL');
    await shot(page, 'saas-correct-en');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
});

/** A seller's own endpoint on a loopback port, served by one reference-server variant;
 *  the test switches the variant as a redeploy would. */
async function sellerEndpoint(sandboxUrl) {
  const state = { variant: 'correct' };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers['content-length'];
    const answer = await fetch(`${sandboxUrl}/seller/${state.variant}${req.url.replace(/^\/produce/, '')}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const out = {};
    answer.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)) out[k] = v;
    });
    res.writeHead(answer.status, out).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/produce/v2`, state, close: () => new Promise((r) => server.close(r)) };
}

test("a seller's own URL: the second run says which check turned red, and the first run can be opened again", async () => {
  const { sandboxUrl } = await api(web.server.url, 'produce_targets', {});
  const seller = await sellerEndpoint(sandboxUrl);
  const { page, context, problems } = await openPage(web.browser, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${web.server.url}/#/saas`);
    await page.getByTestId('saas-url').fill(seller.url);
    await page.getByTestId('saas-mode').selectOption('one-off');
    // The sandbox account (chosen at first start) signs with the reference server's demo key.
    assert.equal(await page.getByTestId('saas-demo-key').textContent(), en['saas.accountSandbox']);
    const first = await runChecks(page);
    assert.equal(await page.getByTestId('saas-summary').getAttribute('data-failed'), '0');
    assert.equal(await page.getByTestId('saas-changes').count(), 0, 'a first run has nothing to compare with');

    seller.state.variant = 'no-activity';
    await runChecks(page, first);
    const change = page.locator('[data-testid="saas-change"][data-kind="verdict"]');
    assert.equal(await change.count(), 1, 'one check changed its verdict');
    assert.match(await change.textContent(), /: Passed → Failed$/, 'it turned from passed to failed');
    // The query's field check was not made this time; it is named by its title, not its id.
    const removed = page.locator('[data-testid="saas-change"][data-kind="removed"]');
    await page.waitForFunction(() => /^query \(queryInstance\)/.test(document.querySelector('[data-kind="removed"]')?.textContent.trim() ?? ''));
    assert.match(await removed.first().textContent(), /not checked this time/);
    await page.locator('[data-testid="saas-history-run"]').nth(1).waitFor();
    assert.equal(await page.getByTestId('saas-history-run').count(), 2, 'both runs are in the history');
    await shot(page, 'saas-changes-en');

    await page.locator(`[data-testid="saas-history-run"][data-run="${first}"] button`).click();
    await page.locator(`[data-testid="saas-results"][data-run="${first}"]`).waitFor();
    assert.equal(await page.getByTestId('saas-summary').getAttribute('data-failed'), '0', 'the earlier run shows its own results');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
    await seller.close();
  }
});

/** A seller's app at its callback: reads userinfo with the code's token, then — the
 *  mistake the tester must catch — exchanges the same code a second time. */
async function callbackApp() {
  const config = { domain: '', clientId: '', clientSecret: '' };
  const seen = [];
  const token = (fields) =>
    fetch(`${config.domain}/api/v1/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, ...fields }),
    });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== '/callback') return res.writeHead(404).end();
    const code = url.searchParams.get('code');
    const grant = { grant_type: 'authorization_code', code, redirect_uri: app.callback };
    const first = await (await token(grant)).json();
    const user = await (
      await fetch(`${config.domain}/api/v1/oauth2/userinfo`, { headers: { Authorization: `Bearer ${first.access_token}` } })
    ).json();
    const second = await token(grant);
    seen.push({ code, state: url.searchParams.get('state'), user, secondStatus: second.status });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<p id="who">${user.userName}</p>`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const app = {
    callback: `http://127.0.0.1:${server.address().port}/callback`,
    config,
    seen,
    close: () => new Promise((r) => server.close(r)),
  };
  return app;
}

test('the unified-login tester: a tenant registered in the panel, a login through its link, the code reuse reported', async () => {
  const app = await callbackApp();
  const { page, context, problems } = await openPage(web.browser, { viewport: { width: 1280, height: 800 } });
  const answers = [];
  page.on('response', async (r) => {
    if (/\/api\/login_tester_/.test(r.url())) answers.push(await r.text().catch(() => ''));
  });
  try {
    await page.goto(`${web.server.url}/#/saas`);
    await page.getByTestId('saas-login-form').waitFor();
    assert.equal(await page.getByTestId('saas-login-secret-note').textContent(), en['saas.login.secretNote'], 'the panel says where the secret is kept');
    const secret = await page.getByTestId('saas-login-client-secret').inputValue();
    assert.match(secret, /^test-[0-9a-f]{32}$/, 'a made-up secret is prefilled');
    await page.getByTestId('saas-login-redirect').fill(app.callback);
    await page.getByTestId('saas-login-register').click();

    const domain = await page.getByTestId('saas-login-domain-name').inputValue();
    assert.match(domain, /^http:\/\/127\.0\.0\.1:\d+\/login\/demo-tenant$/, "the tenant's domainName is shown to copy");
    assert.equal(await page.getByTestId('saas-login-endpoint-token').inputValue(), `${domain}/api/v1/oauth2/token`);
    assert.equal(await page.getByTestId('saas-login-lead').textContent(), en['saas.login.report.nothingYet']);
    Object.assign(app.config, { domain, clientId: await page.getByTestId('saas-login-client-id').inputValue(), clientSecret: secret });

    // The browser's part: the panel's authorize link, the tester's login page, a user, the callback.
    const tryIt = page.getByTestId('saas-login-try');
    const href = await tryIt.getAttribute('href');
    const state = new URL(href).searchParams.get('state');
    assert.match(state, /^[0-9a-f]{32}$/, 'the link carries a fresh state');
    assert.equal(new URL(href).searchParams.get('redirect_uri'), app.callback);
    const [popup] = await Promise.all([context.waitForEvent('page'), tryIt.click()]);
    await popup.getByRole('link', { name: 'Zhang San' }).click();
    await popup.locator('#who').waitFor();
    assert.equal(await popup.locator('#who').textContent(), 'zhangsan', 'the app read userinfo with its token');
    await popup.close();
    assert.equal(app.seen[0].state, state, 'the state came back unchanged');
    assert.equal(app.seen[0].secondStatus, 400, 'the second exchange was refused');
    await page.waitForFunction((before) => document.querySelector('[data-testid="saas-login-try"]').getAttribute('href') !== before, href);

    // The panel polls the report: the reused code is found, with the code the app sent.
    const finding = page.locator('[data-testid="saas-login-finding"][data-check="login.code-once"]');
    await finding.waitFor({ timeout: 15_000 });
    const verdictOf = async (id) => page.locator(`[data-testid="saas-login-check"][data-check="${id}"]`).getAttribute('data-verdict');
    assert.equal(await verdictOf('login.code-once'), 'fail');
    for (const id of ['login.state', 'login.redirect-uri', 'login.client-credentials']) assert.equal(await verdictOf(id), 'pass', id);
    assert.equal(await verdictOf('login.token-expiry'), 'not-exercised');
    assert.match(await finding.locator('.fault').textContent(), /exchanged the same authorization code twice/);
    assert.equal(await finding.locator('dd[data-key="code"]').textContent(), app.seen[0].code, 'what the app sent is shown');
    assert.equal(await page.getByTestId('saas-login-lead').textContent(), en['saas.login.report.failing'].replace('{n}', '1'));

    await page.getByTestId('saas-login-advance-token').click();
    await page.locator('[data-testid="saas-login-clock"][data-offset="7200"]').waitFor();
    assert.equal(await page.getByTestId('saas-login-offset').textContent(), en['saas.login.clock.offset'].replace('{duration}', '2 h'));

    await assertFits(page, 'the login tester at 1280×800');
    await page.getByTestId('saas-login').scrollIntoViewIfNeeded();
    await screenshot(page, 'saas-login-en');
    assert.ok(answers.length >= 3, 'the panel asked the core');
    assert.ok(answers.every((a) => !a.includes(secret)), 'no answer carries the secret back');
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
    await app.close();
  }
});

test('the page reads in Chinese in the dark theme and fits a 960×600 window', async () => {
  const server = await startServer({ locale: 'zh-CN' });
  const { page, context, problems } = await openPage(web.browser, { colorScheme: 'dark', viewport: { width: 960, height: 600 } });
  try {
    await page.goto(`${server.url}/#/saas`);
    await page.locator('[data-testid="saas-reference"] option[value="slow-create"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('h1').textContent(), zh['saas.title']);
    await assertFits(page, 'the empty page at 960×600');

    // A slow server: the page says the run takes a while and shows the time passing.
    await page.getByTestId('saas-reference').selectOption('slow-create');
    await page.getByTestId('saas-run').click();
    const busy = page.getByTestId('saas-busy');
    await busy.waitFor();
    assert.match(await busy.textContent(), new RegExp(zh['saas.runningNote'].slice(0, 12)), 'the busy note says checks take a few seconds');
    // Live progress: a finished check's row is in the table while the run is still busy.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="saas-busy"]') &&
        document.querySelector('[data-testid="saas-results"][data-live="true"] [data-testid="saas-check"]'),
      null,
      { timeout: 15_000 },
    );
    assert.match(await page.getByTestId('saas-live').textContent(), /^已完成 [1-9]\d* 项检查/, 'the page says how many checks are done so far');
    await page.waitForFunction(() => /[1-9]\.\d 秒/.test(document.querySelector('[data-testid="saas-busy"]')?.textContent ?? ''), null, { timeout: 15_000 });
    assert.equal(await page.getByTestId('saas-run').isDisabled(), true, 'one run at a time');
    await page.screenshot({ path: `${ARTIFACTS}/saas-busy-zh-dark.png` });
    await page.locator('[data-testid="saas-results"][data-live="false"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('saas-live').count(), 0, 'the answer replaces the live list');
    const slow = (await verdicts(page)).filter(([, v]) => v === 'fail').map(([id]) => id);
    assert.deepEqual(slow, ['v2.create.answer-time'], 'the slow create fails its 5 s budget, and nothing else');

    await page.getByTestId('saas-reference').selectOption('no-activity');
    await page.getByTestId('saas-kit').check();
    await runChecks(page, await page.getByTestId('saas-results').getAttribute('data-run'));
    assert.equal(await page.getByTestId('saas-lead').textContent(), zh['saas.results.failing'], 'the summary is in Chinese');
    const red = page.locator('[data-testid="saas-check"][data-verdict="fail"]');
    assert.equal(await red.locator('.chip').textContent(), zh['saas.verdict.fail']);
    assert.match(await red.locator('td.words').textContent(), /请求参数不合法/, "the check's words are in Chinese");
    await assertFits(page, 'results at 960×600');
    await shot(page, 'saas-results-zh-dark');
    await red.getByTestId('saas-open-check').click();
    await page.getByTestId('saas-inspector').waitFor();
    assert.equal(await page.getByTestId('saas-result-code').textContent(), 'resultCode 000002');
    await assertFits(page, 'the inspector at 960×600');
    await page.screenshot({ path: `${ARTIFACTS}/saas-inspector-zh-dark.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('saas-inspector').waitFor({ state: 'detached' });

    // The login tester registers its prefilled tenant in one click, in Chinese.
    await page.getByTestId('saas-login-register').click();
    await page.getByTestId('saas-login-domain-name').waitFor();
    assert.equal(await page.getByTestId('saas-login-lead').textContent(), zh['saas.login.report.nothingYet']);
    assert.equal(await page.locator('[data-testid="saas-login-check"] .chip').first().textContent(), zh['saas.login.verdict.notExercised']);
    await assertFits(page, 'the login tester at 960×600');
    await page.getByTestId('saas-login').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/saas-login-zh-dark.png` });
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
    await server.stop();
  }
});

test("a product's settings are saved by its run and fill the form again after a reload", async () => {
  const server = await startServer({ locale: 'en' });
  const { page, context, problems } = await openPage(web.browser, { viewport: { width: 1280, height: 800 } });
  const product = 'OFFI900000000000000001'; // a SaaS product of the sandbox's demo orders
  const pick = page.locator(`[data-testid="saas-product"][data-product="${product}"]`);
  try {
    await page.goto(`${server.url}/#/saas`);
    await page.locator('[data-testid="saas-reference"] option[value="correct"]').waitFor({ state: 'attached' });
    await pick.waitFor({ timeout: 20_000 });
    assert.equal(await pick.getByTestId('saas-product-saved').count(), 0, 'nothing is saved for it yet');
    await pick.click();
    assert.equal(await pick.getAttribute('aria-checked'), 'true');
    assert.equal(await page.getByTestId('saas-url').inputValue(), '', "a product without settings starts from a clean form");

    await page.getByTestId('saas-reference').selectOption('correct');
    await page.getByTestId('saas-mode').selectOption('one-off');
    const url = await page.getByTestId('saas-url').inputValue();
    assert.match(url, /\/seller\/correct\/v2$/);
    await runChecks(page);
    assert.equal(await pick.getByTestId('saas-product-saved').textContent(), en['saas.product.saved'], 'the run saved the settings for the product');
    await assertFits(page, 'the product picker at 1280×800');
    await shot(page, 'saas-products-en-light');

    await page.reload();
    await pick.waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('saas-url').inputValue(), '', 'after a reload no product is picked: a one-off URL');
    assert.equal(await pick.getByTestId('saas-product-saved').textContent(), en['saas.product.saved'], 'the chip says saved after a reload');
    await pick.click();
    assert.equal(await page.getByTestId('saas-url').inputValue(), url, "the product's URL fills the form");
    assert.equal(await page.getByTestId('saas-mode').inputValue(), 'one-off', 'and its charging mode');
    assert.equal(await page.getByTestId('saas-version-v2').isChecked(), true);
    await page.locator(`[data-testid="saas-history-run"]`).first().waitFor();
    assert.ok((await page.getByTestId('saas-history-run').count()) >= 1, "the product's run is in its history");
    assert.deepEqual(problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
    await server.stop();
  }
});
