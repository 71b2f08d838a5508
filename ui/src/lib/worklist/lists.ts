// Grouping, filtering and timing for the worklist lists: which cases a filter shows,
// how many each filter holds, how long a case has waited, where a needs-action item
// leads, and the order the dashboard lists them in. Pure: "now" is an argument.
import type { Page } from '../router.svelte';
import type { ActionItem, CaseSummary } from './types';

export type CaseFilter = 'all' | 'seller' | 'buyer' | 'platform' | 'closed';
export const CASE_FILTERS: readonly CaseFilter[] = ['all', 'seller', 'buyer', 'platform', 'closed'];

/** The group a case belongs to: whose step it is, or closed. */
export function caseGroup(c: Pick<CaseSummary, 'whoseStep'>): Exclude<CaseFilter, 'all'> {
  return c.whoseStep ?? 'closed';
}

/** Whether a case matches the filter and the search (product, order, buyer or case id). */
export function caseMatches(c: CaseSummary, filter: CaseFilter, search: string): boolean {
  if (filter !== 'all' && caseGroup(c) !== filter) return false;
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [c.productName, c.orderId, c.buyer, c.id].some((s) => s.toLowerCase().includes(q));
}

export function filterCases(cases: readonly CaseSummary[], filter: CaseFilter, search: string): CaseSummary[] {
  return cases.filter((c) => caseMatches(c, filter, search));
}

/** How many cases each filter would show. */
export function countByFilter(cases: readonly Pick<CaseSummary, 'whoseStep'>[]): Record<CaseFilter, number> {
  const counts: Record<CaseFilter, number> = { all: cases.length, seller: 0, buyer: 0, platform: 0, closed: 0 };
  for (const c of cases) counts[caseGroup(c)] += 1;
  return counts;
}

/** Seconds from `now` (ms since the epoch) until an RFC 3339 instant; negative once passed. */
export function secondsUntil(iso: string, now: number): number {
  return Math.round((Date.parse(iso) - now) / 1000);
}

/** Whole days a case has waited at its node. */
export function idleDays(nodeSince: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(nodeSince)) / 86_400_000));
}

/** Where a needs-action item (or a deadline notice) leads: the invoice request or the case. */
export function itemTarget(item: Pick<ActionItem, 'kind' | 'id'>): { page: Page; params: Record<string, string> } {
  return item.kind.startsWith('invoice')
    ? { page: 'invoices', params: { request: item.id } }
    : { page: 'cases', params: { case: item.id } };
}

/** Urgent first, then the nearest deadline, items without one last; otherwise as given. */
export function sortNeeds(items: readonly ActionItem[]): ActionItem[] {
  const rank = (i: ActionItem) => [i.urgent ? 0 : 1, i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY] as const;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const [ua, da] = rank(a.item);
      const [ub, db] = rank(b.item);
      return ua - ub || da - db || a.index - b.index;
    })
    .map((x) => x.item);
}
