// A seller's app logs in end to end through Gallerist's unified-login tester: a real
// `gallerist sandbox` process plays the tenant's login domain, the tiny app in app.mjs
// plays the seller's SaaS, and this test plays the browser (redirects followed by hand,
// so each hop is seen). Then it reads the tester's report: no findings for a correct
// app; the code-reuse finding for an app that exchanges its code twice.
//
//   node --test tests/oauth-client/    (binary at $GALLERIST_BIN or target/debug/gallerist)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { BIN, startSandbox } from '../e2e/lib/server.mjs';
import { startApp } from './app.mjs';

const CLIENT_ID = 'oauth-client-test-app';
const CLIENT_SECRET = 'oauth-client-test-secret-not-real';

let sandbox;

before(async () => {
  if (!existsSync(BIN)) {
    throw new Error(`The gallerist binary is missing at ${BIN}. Build it (cargo build -p gallerist-cli) or set GALLERIST_BIN.`);
  }
  sandbox = await startSandbox({ ak: 'OAUTHCLIENTTESTAK', sk: 'oauth-client-test-sk' });
});

after(async () => {
  await sandbox?.stop();
});

/** Registers a tenant with the app's callback through the sandbox's control endpoint. */
async function setup(tenantCode, callback) {
  const answer = await fetch(`${sandbox.url}/login/${tenantCode}/_setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      tenant: { tenantId: `${tenantCode}-id`, tenantCode, name: 'Acme Trading Co.' },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: callback,
      users: [
        { userName: 'zhangsan', name: '张三', orgCode: 'SALES', role: 'admin', enable: 'true', email: 'zs@acme.example' },
        { userName: 'lisi', name: '李四', orgCode: 'OPS', role: 'user', enable: 'true' },
      ],
      orgs: [{ orgCode: 'SALES', orgName: 'Sales' }],
    }),
  });
  assert.equal(answer.status, 200, await answer.clone().text());
  return (await answer.json()).domainName;
}

const get = (url) => fetch(url, { redirect: 'manual' });

/** The browser's part: start at the app, pick `userName` on the login page, land on the callback. */
async function logIn(app, userName) {
  const start = await get(`${app.url}/login`);
  assert.equal(start.status, 302);
  const authorize = start.headers.get('location');
  const page = await get(authorize);
  assert.equal(page.status, 200, 'without a chosen user the tester shows its login page');
  const html = await page.text();
  const link = new RegExp(`href="([^"]*login_hint=${userName})"`).exec(html);
  assert.ok(link, `the login page offers ${userName}:\n${html}`);
  const chosen = new URL(link[1].replaceAll('&amp;', '&'), authorize);
  const redirect = await get(chosen);
  assert.equal(redirect.status, 302);
  const callback = new URL(redirect.headers.get('location'));
  assert.equal(`${callback.origin}${callback.pathname}`, app.callback);
  assert.equal(callback.searchParams.get('state'), new URL(authorize).searchParams.get('state'), 'state comes back unchanged');
  const landed = await get(callback);
  return { status: landed.status, body: await landed.json() };
}

async function report(domain) {
  const answer = await fetch(`${domain}/_report`);
  assert.equal(answer.status, 200);
  return answer.json();
}

test('a correct app logs in, refreshes after expiry and logs out with no findings', async () => {
  const domain0 = `${sandbox.url}/login/acme-ok`;
  const app = await startApp({ domain: domain0, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  try {
    const domain = await setup('acme-ok', app.callback);
    assert.equal(domain, domain0);

    const landed = await logIn(app, 'zhangsan');
    assert.equal(landed.status, 200, JSON.stringify(landed.body));
    assert.equal(landed.body.user.userName, 'zhangsan');
    assert.equal(landed.body.user.name, '张三');
    assert.equal(landed.body.user.organizationName, 'Sales');
    assert.equal(landed.body.user.tenant, 'acme-ok-id');

    // Two hours later the access token has expired: the app must refresh on its own.
    const moved = await fetch(`${domain}/_clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 7200 }),
    });
    assert.equal(moved.status, 200);
    const me = await get(`${app.url}/me`);
    const mine = await me.json();
    assert.equal(me.status, 200, JSON.stringify(mine));
    assert.equal(mine.refreshed, true);
    assert.equal(mine.user.userName, 'zhangsan');

    const out = await get(`${app.url}/logout`);
    const back = await get(out.headers.get('location'));
    assert.equal(back.status, 302);
    assert.equal(back.headers.get('location'), `${app.url}/`);

    const seen = await report(domain);
    assert.deepEqual(seen.findings, []);
    for (const check of seen.checks) assert.equal(check.verdict, 'pass', `${check.id}: ${check.en}`);
  } finally {
    await app.stop();
  }
});

test('an app that exchanges its code twice is refused and reported', async () => {
  const domain = `${sandbox.url}/login/acme-reuse`;
  const app = await startApp({ domain, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, misbehave: { reuseCode: true } });
  try {
    await setup('acme-reuse', app.callback);
    const landed = await logIn(app, 'lisi');
    assert.equal(landed.body.reuse.status, 400);
    assert.equal(landed.body.reuse.body.error, 'invalid_grant');

    const seen = await report(domain);
    assert.deepEqual(seen.findings.map((f) => f.id), ['login.code-once']);
    const [finding] = seen.findings;
    assert.match(finding.doc, /^https:\/\/support\.huaweicloud\.com\//);
    assert.match(finding.en, /same authorization code twice/);
    assert.match(finding.zhCN, /授权码/);
  } finally {
    await app.stop();
  }
});
