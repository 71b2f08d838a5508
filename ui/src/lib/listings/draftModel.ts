// What the core's draft, issues and rules carry beyond the shared IPC types: the
// average delivery duration, the after-sales languages and the auto-deployment flag
// (draft), the quoted value (issue), and the sites that state a rule (rule pack).
// Optional, so a body from an older core still fits.
import type { Bilingual, DraftBody, Issue, ListingSite, PackRule, Severity } from '../backend/types';

export type ListingDraft = DraftBody & {
  /** Average delivery duration in calendar days (License and professional services). */
  delivery_days?: number | null;
  /** Sold with an auto-deployment template (image and License products). */
  auto_deploy_template?: boolean;
  after_sales: DraftBody['after_sales'] & {
    /** ISO 639-1 codes of the languages support is given in. */
    languages?: string[];
  };
};

export type QuotedIssue = Issue & { found?: Bilingual | null };

export type StatedRule = PackRule & { stated_on?: ListingSite[] };

/** The languages the editor offers for after-sales support (the EU's most asked first). */
export const SUPPORT_LANGUAGES: readonly string[] = ['zh', 'en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];

/** A language code named in the UI language ("de" → "German" / "德语"), or the code. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A rule's severity site by site: the pack's severity where a site's documents state
 * it, at most a warning elsewhere (the core's `Rule::judged_for`). Sites with the same
 * severity are grouped, strongest first: [{severity: 'error', sites: ['intl','eu']},
 * {severity: 'warning', sites: ['cn']}].
 */
export function severityBySite(rule: StatedRule): { severity: Severity; sites: string[] }[] {
  const sites = rule.sites ?? [];
  const stated = rule.stated_on ?? sites;
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
  const weaker = (s: Severity): Severity => (rank[s] > rank.warning ? 'warning' : s);
  const groups = new Map<Severity, string[]>();
  for (const site of sites) {
    const s = stated.includes(site as ListingSite) ? rule.severity : weaker(rule.severity);
    groups.set(s, [...(groups.get(s) ?? []), site]);
  }
  return [...groups.entries()].sort((a, b) => rank[b[0]] - rank[a[0]]).map(([severity, list]) => ({ severity, sites: list }));
}
