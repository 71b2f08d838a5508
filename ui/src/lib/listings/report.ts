// The rule report as the editor shows it. The core checks a draft when it is saved;
// between a click on "switch off" and the next answer, `applyOverrides` shows what the
// overrides already decide (an issue hidden or lowered) so the panel never lags a click.
// It follows the core's rule exactly: the draft's override wins over the global one,
// and an override may only lower a severity, never raise it.
import type { Bilingual, Issue, Locale, Overrides, Report, RuleOverride, Severity } from '../backend/types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The override that applies to a rule, and where it comes from. */
export function effectiveOverride(
  ruleId: string,
  draft: Overrides,
  global: Overrides,
): { value: RuleOverride; scope: 'draft' | 'global' } | null {
  const own = draft.rules[ruleId];
  if (own !== undefined) return { value: own, scope: 'draft' };
  const all = global.rules[ruleId];
  return all !== undefined ? { value: all, scope: 'global' } : null;
}

/** Severities strictly below a rule's own: what "lower" may offer. */
export function lowerSeverities(packSeverity: Severity): Severity[] {
  return SEVERITIES.filter((s) => RANK[s] < RANK[packSeverity]);
}

/** The report with the given overrides applied to the issues it holds. */
export function applyOverrides(report: Report, draft: Overrides, global: Overrides): Report {
  const issues: Issue[] = [];
  const newlyOff = new Map<string, { scope: 'draft' | 'global'; n: number }>();
  for (const issue of report.issues) {
    const o = effectiveOverride(issue.rule_id, draft, global);
    if (o?.value === 'off') {
      const seen = newlyOff.get(issue.rule_id);
      newlyOff.set(issue.rule_id, { scope: o.scope, n: (seen?.n ?? 0) + 1 });
      continue;
    }
    const lowered = o !== null && RANK[o.value.severity] < RANK[issue.pack_severity];
    issues.push({
      ...issue,
      severity: lowered ? o.value.severity : issue.pack_severity,
      overridden: lowered ? o.scope : null,
    });
  }
  const suppressed = report.suppressed
    .map((s) => ({ s, o: effectiveOverride(s.rule_id, draft, global) }))
    .filter(({ o }) => o?.value === 'off')
    .map(({ s, o }) => ({ ...s, scope: o!.scope }));
  for (const [rule_id, { scope, n }] of newlyOff) {
    const old = suppressed.find((s) => s.rule_id === rule_id);
    if (old) old.would_report += n;
    else suppressed.push({ rule_id, scope, would_report: n });
  }
  return { ...report, issues, suppressed };
}

export function countBySeverity(issues: readonly Issue[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[i.severity] += 1;
  return out;
}

/** The pack's text in the UI language. */
export function localized(text: Bilingual, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh_cn : text.en;
}

/** Whether a version string names an older pack than `current` ("2026.10.3" < "2026.11.2"). */
export function olderPack(checked: string | null, current: string): boolean {
  if (!checked || checked === current) return false;
  const a = checked.split('.').map(Number);
  const b = current.split('.').map(Number);
  if (a.some(Number.isNaN) || b.some(Number.isNaN)) return true;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}
