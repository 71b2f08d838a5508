import { describe, expect, it } from 'vitest';
import { areaOf, changeText, countVerdicts, groupByArea, isSandboxUrl, isWorse, msText, prettyBody, resultOf, say, targetOf } from './report';
import type { Check, Exchange, SellerTarget } from './types';

function exchange(bad = false): Exchange {
  return {
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:9/seller/correct/v2?signature=AB&timestamp=1&nonce=CD',
      headers: [['Content-Type', 'application/json;charset=utf8']],
      body: '{"activity":"newInstance"}',
      deliberatelyBad: bad ? { en: 'Deliberately bad: wrong signature', zh: '故意构造的错误请求' } : null,
    },
    answer: { status: 200, headers: [], body: '{"resultCode":"000001"}', utf8: true },
    transportError: null,
    elapsedMs: 12,
  };
}

function check(id: string, verdict: Check['verdict'], exchanges: Exchange[] = []): Check {
  return {
    id,
    title: { en: `title ${id}`, zh: `标题 ${id}` },
    verdict,
    words: { en: 'found', zh: '发现' },
    docUrl: 'https://support.huaweicloud.com/x.html',
    exchanges,
    elapsedMs: exchanges.length ? 12 : null,
  };
}

describe('grouping the checks', () => {
  it('puts refusals of deliberately bad requests together, whichever interface they went to', () => {
    expect(areaOf(check('v2.auth.wrong-signature', 'pass', [exchange(true)]))).toBe('auth');
    expect(areaOf(check('kit.auth.wrong-signature', 'pass', [exchange(true)]))).toBe('auth');
    // authSync is a Kit call, not a refusal: its requests are good ones.
    expect(areaOf(check('kit.auth.result-code', 'pass', [exchange()]))).toBe('kit');
    expect(areaOf(check('url.https', 'warn'))).toBe('url');
    expect(areaOf(check('v1.body-sign', 'pass', [exchange()]))).toBe('v1');
    expect(areaOf(check('future.thing', 'pass'))).toBe('other');
  });

  it('orders the groups URL, V2, refusals, Kit, V1 and leaves out empty ones', () => {
    const checks = [
      check('kit.tenant.result-code', 'pass', [exchange()]),
      check('v2.auth.stale-timestamp', 'fail', [exchange(true)]),
      check('url.https', 'warn'),
      check('v2.create.result-code', 'pass', [exchange()]),
      check('v2.query.result-code', 'fail', [exchange()]),
    ];
    const groups = groupByArea(checks);
    expect(groups.map((g) => g.area)).toEqual(['url', 'v2', 'auth', 'kit']);
    expect(groups[1].checks.map((c) => c.id), 'checks keep their order').toEqual(['v2.create.result-code', 'v2.query.result-code']);
    expect(groups[1].counts).toEqual({ pass: 1, warn: 0, fail: 1 });
    expect(countVerdicts(checks)).toEqual({ pass: 2, warn: 1, fail: 2 });
  });
});

describe('words for the seller', () => {
  it('says times the way the 5 s budget reads', () => {
    expect(msText(320, 'en')).toBe('320 ms');
    expect(msText(4100, 'en')).toBe('4.1 s');
    expect(msText(4100, 'zh-CN')).toBe('4.1 秒');
  });

  it('says what changed, in the UI language, with titles for added and removed checks', () => {
    const now = [check('v2.query.result-code', 'fail', [exchange()])];
    const before = [check('v2.gone', 'pass')];
    expect(
      changeText({ kind: 'verdict', checkId: 'v2.query.result-code', titleEn: 'query', titleZh: '查询', from: 'pass', to: 'fail' }, 'en', now),
    ).toBe('query: Passed → Failed');
    expect(
      changeText({ kind: 'timing', checkId: 'v2.create.answer-time', titleEn: 'create', titleZh: '开通', wasMs: 300, nowMs: 4100 }, 'zh-CN', now),
    ).toBe('开通：现在耗时 4.1 秒，之前为 300 毫秒');
    expect(changeText({ kind: 'added', checkId: 'v2.query.result-code', verdict: 'fail' }, 'en', now)).toBe(
      'title v2.query.result-code: checked for the first time (Failed)',
    );
    expect(changeText({ kind: 'removed', checkId: 'v2.gone' }, 'zh-CN', now, before)).toBe('标题 v2.gone：本次未检查');
  });

  it('marks a change for the worse: a verdict that dropped, a slower answer, a new failing check', () => {
    expect(isWorse({ kind: 'verdict', checkId: 'a', titleEn: '', titleZh: '', from: 'pass', to: 'warn' })).toBe(true);
    expect(isWorse({ kind: 'verdict', checkId: 'a', titleEn: '', titleZh: '', from: 'fail', to: 'pass' })).toBe(false);
    expect(isWorse({ kind: 'timing', checkId: 'a', titleEn: '', titleZh: '', wasMs: 300, nowMs: 4100 })).toBe(true);
    expect(isWorse({ kind: 'timing', checkId: 'a', titleEn: '', titleZh: '', wasMs: 4100, nowMs: 300 })).toBe(false);
    expect(isWorse({ kind: 'added', checkId: 'a', verdict: 'fail' })).toBe(true);
    expect(isWorse({ kind: 'removed', checkId: 'a' })).toBe(false);
  });

  it('picks the half of a bilingual text in the UI language', () => {
    expect(say({ en: 'Failed', zh: '未通过' }, 'zh-CN')).toBe('未通过');
    expect(say(null, 'en')).toBe('');
  });
});

describe('reading a request and its answer', () => {
  it('indents JSON bodies and leaves anything else exactly as it came', () => {
    expect(prettyBody('{"resultCode":"000002","resultMsg":"no"}')).toBe('{\n  "resultCode": "000002",\n  "resultMsg": "no"\n}');
    expect(prettyBody('authToken=abc&x=1')).toBe('authToken=abc&x=1');
    expect(prettyBody('{not json')).toBe('{not json');
  });

  it("finds the answer's resultCode", () => {
    expect(resultOf('{"resultCode":"000002","resultMsg":"queryInstance is not implemented"}')).toEqual({
      code: '000002',
      message: 'queryInstance is not implemented',
    });
    expect(resultOf('<html>502</html>')).toBeNull();
    expect(resultOf('{"instanceId":"x"}')).toBeNull();
  });
});

describe('the reference server', () => {
  const targets: SellerTarget[] = [
    { variant: 'correct', faulty: false, about: { en: 'Correct', zh: '正确' }, v2Url: 'http://127.0.0.1:9/seller/correct/v2', v1Url: 'http://127.0.0.1:9/seller/correct/v1' },
    { variant: 'no-activity', faulty: true, about: { en: 'Fault', zh: '故障' }, v2Url: 'http://127.0.0.1:9/seller/no-activity/v2', v1Url: 'http://127.0.0.1:9/seller/no-activity/v1' },
  ];

  it('knows which variant and version a URL points at', () => {
    expect(targetOf(' http://127.0.0.1:9/seller/no-activity/v1 ', targets)).toEqual({ target: targets[1], version: 'v1' });
    expect(targetOf('https://isv.example.com/produce', targets)).toBeNull();
  });

  it("treats only the embedded sandbox's seller URLs as signed with the demo key", () => {
    expect(isSandboxUrl('http://127.0.0.1:9/seller/correct/v2', 'http://127.0.0.1:9')).toBe(true);
    expect(isSandboxUrl('http://127.0.0.1:9/other', 'http://127.0.0.1:9')).toBe(false);
    expect(isSandboxUrl('http://127.0.0.1:9/seller/correct/v2', null)).toBe(false);
  });
});
