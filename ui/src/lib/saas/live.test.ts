import { describe, expect, it } from 'vitest';
import { isNewer, liveView, progressToken } from './live';
import type { Check, CheckArgs } from './types';

function check(id: string, verdict: Check['verdict']): Check {
  return { id, title: { en: id, zh: id }, verdict, words: { en: '', zh: '' }, docUrl: 'https://d', exchanges: [], elapsedMs: null };
}

describe('live progress', () => {
  it('makes a token the core accepts: letters, digits and dashes, at most 64', () => {
    const token = progressToken(new Uint8Array([0, 15, 16, 255, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(token).toBe('run-000f10ff0102030405060708');
    expect(token).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(progressToken(new Uint8Array(30))).toHaveLength(64);
  });

  it('a late poll with fewer checks never takes shown checks away', () => {
    const two = [check('url.https', 'warn'), check('v2.create.result-code', 'pass')];
    expect(isNewer(null, [])).toBe(false);
    expect(isNewer(null, two.slice(0, 1))).toBe(true);
    expect(isNewer(two, two.slice(0, 1))).toBe(false);
    expect(isNewer(two.slice(0, 1), two)).toBe(true);
  });

  it('shows the checks so far as an unsaved run with their counts and the set-up asked for', () => {
    const args: CheckArgs = { url: 'http://127.0.0.1:9/seller/slow-create/v2', version: 'v2', mode: 'period', kit: true, accountId: 3 };
    const view = liveView([check('url.https', 'warn'), check('v2.create.result-code', 'pass'), check('v2.create.answer-time', 'fail')], args, '2026-01-01T00:00:00Z', '2026-01-01T00:00:04Z');
    expect(view.runId).toBe(0);
    expect(view.changes).toBeNull();
    expect([view.run.passed, view.run.warned, view.run.failed]).toEqual([1, 1, 1]);
    expect([view.run.url, view.run.kit, view.run.accountId]).toEqual([args.url, true, 3]);
  });
});
