import { describe, expect, it } from 'vitest';
import type { Issue, Report } from '../backend/types';
import { applyOverrides, countBySeverity, effectiveOverride, localized, lowerSeverities, olderPack } from './report';

const issue = (rule_id: string, field: string, severity: Issue['severity'] = 'error'): Issue => ({
  rule_id,
  severity,
  pack_severity: severity,
  overridden: null,
  field,
  message: { zh_cn: '中文', en: 'English' },
  hint: { zh_cn: '提示', en: 'Hint' },
  source: 'https://support.huaweicloud.com/',
  heuristic: false,
});

const report = (issues: Issue[], suppressed: Report['suppressed'] = []): Report => ({ pack_version: '2026.11.2', issues, suppressed });
const none = { rules: {} };

describe('overrides', () => {
  it('lets the draft win over the global override', () => {
    expect(effectiveOverride('a', { rules: { a: { severity: 'info' } } }, { rules: { a: 'off' } })).toEqual({
      value: { severity: 'info' },
      scope: 'draft',
    });
    expect(effectiveOverride('a', none, { rules: { a: 'off' } })).toEqual({ value: 'off', scope: 'global' });
    expect(effectiveOverride('a', none, none)).toBeNull();
  });

  it('offers only lower severities', () => {
    expect(lowerSeverities('error')).toEqual(['warning', 'info']);
    expect(lowerSeverities('warning')).toEqual(['info']);
    expect(lowerSeverities('info')).toEqual([]);
  });

  it('hides switched-off rules and counts what they would report', () => {
    const r = applyOverrides(report([issue('a', 'name'), issue('a', 'overview'), issue('b', 'logo')]), { rules: { a: 'off' } }, none);
    expect(r.issues.map((i) => i.rule_id)).toEqual(['b']);
    expect(r.suppressed).toEqual([{ rule_id: 'a', scope: 'draft', would_report: 2 }]);
  });

  it('lowers but never raises a severity, and marks where the change comes from', () => {
    const r = applyOverrides(
      report([issue('a', 'name'), issue('b', 'logo', 'warning')]),
      none,
      { rules: { a: { severity: 'warning' }, b: { severity: 'error' } } },
    );
    expect(r.issues.map((i) => [i.rule_id, i.severity, i.overridden])).toEqual([
      ['a', 'warning', 'global'],
      ['b', 'warning', null],
    ]);
  });

  it('gives a lowered issue its own severity back when the override goes', () => {
    const lowered = { ...issue('a', 'name'), severity: 'info' as const, overridden: 'draft' as const };
    const r = applyOverrides(report([lowered]), none, none);
    expect(r.issues[0]).toMatchObject({ severity: 'error', overridden: null });
  });

  it('drops a suppressed entry once its rule is back on, keeps it while still off', () => {
    const r = report([], [
      { rule_id: 'a', scope: 'global', would_report: 1 },
      { rule_id: 'b', scope: 'draft', would_report: 0 },
    ]);
    const after = applyOverrides(r, { rules: { b: 'off' } }, none);
    expect(after.suppressed).toEqual([{ rule_id: 'b', scope: 'draft', would_report: 0 }]);
  });

  it('is idempotent on a report the core already made with the same overrides', () => {
    const draft = { rules: { a: 'off' as const, b: { severity: 'info' as const } } };
    const once = applyOverrides(report([issue('a', 'name'), issue('b', 'logo'), issue('c', 'specs')]), draft, none);
    expect(applyOverrides(once, draft, none)).toEqual(once);
  });
});

describe('report helpers', () => {
  it('counts by severity', () => {
    expect(countBySeverity([issue('a', 'x'), issue('b', 'y', 'info')])).toEqual({ error: 1, warning: 0, info: 1 });
  });

  it('picks the UI language', () => {
    expect(localized({ zh_cn: '中文', en: 'English' }, 'zh-CN')).toBe('中文');
    expect(localized({ zh_cn: '中文', en: 'English' }, 'en')).toBe('English');
  });

  it('tells an older pack from the current one', () => {
    expect(olderPack('2026.10.3', '2026.11.2')).toBe(true);
    expect(olderPack('2026.11.2', '2026.11.2')).toBe(false);
    expect(olderPack('2026.11.10', '2026.11.2')).toBe(false);
    expect(olderPack(null, '2026.11.2')).toBe(false);
  });
});
