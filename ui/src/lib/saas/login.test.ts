import { describe, expect, it } from 'vitest';
import { authorizeLink, defaultForm, durationText, evidenceRows, formOf, formProblem, newState, setupArgs } from './login';
import type { LoginTester } from './types';

const bytes = (n: number, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

function tester(over: Partial<LoginTester> = {}): LoginTester {
  const domain = 'http://127.0.0.1:9/login/demo-tenant';
  return {
    tenantCode: 'demo-tenant',
    tenantId: '0001020304',
    tenantName: 'Demo Trading Co.',
    clientId: 'my saas&app',
    redirectUri: 'http://127.0.0.1:3000/callback?from=kg',
    users: [{ userName: 'zhangsan', name: '张三', role: 'admin', orgCode: 'SALES' }],
    domainName: domain,
    endpoints: {
      authorize: `${domain}/api/v1/oauth2/authorize`,
      token: `${domain}/api/v1/oauth2/token`,
      refresh: `${domain}/api/v1/oauth2/token`,
      userinfo: `${domain}/api/v1/oauth2/userinfo`,
      logout: `${domain}/api/v1/logout`,
    },
    scope: 'get_user_info',
    expiresIn: 7200,
    codeLifetimeSeconds: 600,
    report: { tenantCode: 'demo-tenant', now: '2026-01-01T00:00:00Z', clockOffsetSeconds: 0, checks: [], findings: [] },
    ...over,
  };
}

describe('the test tenant form', () => {
  it('is ready to register as it comes, with an id and a secret made from the randomness given', () => {
    const form = defaultForm(bytes(21), 'en');
    expect(formProblem(form, null)).toBeNull();
    expect(form.tenantId).toBe('0001020304');
    expect(form.clientSecret).toBe('test-05060708090a0b0c0d0e0f1011121314');
    expect(defaultForm(bytes(21, 100), 'en').clientSecret).not.toBe(form.clientSecret);
    expect(defaultForm(bytes(21), 'zh-CN').users[0].name).toBe('张三');
  });

  it('says what is missing, first thing first', () => {
    const ok = defaultForm(bytes(21), 'en');
    expect(formProblem({ ...ok, tenantCode: '../x' }, null)).toBe('saas.login.need.tenantCode');
    expect(formProblem({ ...ok, clientId: ' ' }, null)).toBe('saas.login.need.clientId');
    expect(formProblem({ ...ok, redirectUri: '/callback' }, null)).toBe('saas.login.need.redirect');
    expect(formProblem({ ...ok, redirectUri: 'http://127.0.0.1:3000/cb#x' }, null)).toBe('saas.login.need.redirect');
    expect(formProblem({ ...ok, users: [] }, null)).toBe('saas.login.need.users');
    expect(formProblem({ ...ok, users: [ok.users[0], { ...ok.users[1], userName: 'zhangsan' }] }, null)).toBe('saas.login.need.unique');
    expect(formProblem({ ...ok, users: [{ ...ok.users[0], name: '' }] }, null)).toBe('saas.login.need.user');
  });

  it('needs a secret for a new tenant, and keeps the registered one when re-registering the same tenant', () => {
    const form = { ...defaultForm(bytes(21), 'en'), clientSecret: '' };
    expect(formProblem(form, null)).toBe('saas.login.need.secret');
    expect(formProblem(form, tester())).toBeNull();
    expect(formProblem({ ...form, tenantCode: 'another' }, tester())).toBe('saas.login.need.secret');
    expect(setupArgs(form)).not.toHaveProperty('clientSecret');
  });

  it('sends trimmed values and leaves out optional fields left empty', () => {
    const form = defaultForm(bytes(21), 'en');
    form.tenantCode = '  demo-tenant ';
    form.tenantId = '';
    const args = setupArgs(form);
    expect(args.tenantCode).toBe('demo-tenant');
    expect(args).not.toHaveProperty('tenantId');
    expect(args.users[1]).toEqual({ userName: 'lisi', name: 'Li Si', role: 'user', orgCode: 'OPS' });
    expect(args.clientSecret).toBe(form.clientSecret);
  });

  it('a registered tenant comes back into the form without its secret', () => {
    const form = formOf(tester());
    expect(form.clientSecret).toBe('');
    expect(form.users[0]).toEqual({ userName: 'zhangsan', name: '张三', orgCode: 'SALES', role: 'admin', email: '' });
  });
});

describe('the Try it link', () => {
  it('is the authorize request the app would send, every value encoded, with the state given', () => {
    const link = new URL(authorizeLink(tester(), 'abc123'));
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:9/login/demo-tenant/api/v1/oauth2/authorize');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'my saas&app',
      redirect_uri: 'http://127.0.0.1:3000/callback?from=kg',
      scope: 'get_user_info',
      state: 'abc123',
    });
  });

  it('gets a new state from new randomness', () => {
    expect(newState(bytes(16))).toBe('000102030405060708090a0b0c0d0e0f');
    expect(newState(bytes(16, 1))).not.toBe(newState(bytes(16)));
  });
});

describe("a finding's evidence", () => {
  const time = (iso: string) => `T(${iso})`;

  it('reads as labelled facts, the request first, in the UI language', () => {
    const rows = evidenceRows({ sent: 'http://evil.example/cb', registered: 'http://127.0.0.1:3000/callback', step: 'authorize' }, 'en', time);
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Request', 'authorize'],
      ['Sent', 'http://evil.example/cb'],
      ['Registered callback', 'http://127.0.0.1:3000/callback'],
    ]);
    expect(evidenceRows({ step: 'token' }, 'zh-CN', time)[0].label).toBe('请求');
  });

  it('says nothing was sent, words yes/no, and formats times', () => {
    const rows = evidenceRows({ sent: null, secretMatched: false, expiredAt: '2026-01-01T02:00:00Z' }, 'en', time);
    expect(rows.map((r) => r.value)).toEqual(['(nothing)', 'no', 'T(2026-01-01T02:00:00Z)']);
    expect(evidenceRows({ other: { a: 1 } }, 'en', time)).toEqual([{ key: 'other', label: 'other', value: '{"a":1}', mono: true }]);
    expect(evidenceRows(null, 'en', time)).toEqual([]);
  });
});

describe('durations', () => {
  it('are written as the clock steps and offsets the seller reads', () => {
    expect(durationText(600, 'en')).toBe('10 min');
    expect(durationText(7200, 'en')).toBe('2 h');
    expect(durationText(93_600 + 61, 'zh-CN')).toBe('1 天 2 小时 1 分钟 1 秒');
    expect(durationText(0, 'en')).toBe('0 s');
  });
});
