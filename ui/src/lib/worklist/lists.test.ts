import { describe, expect, it } from 'vitest';
import { caseGroup, countByFilter, filterCases, idleDays, itemTarget, secondsUntil, sortNeeds } from './lists';
import type { ActionItem, CaseSummary } from './types';

function kase(id: string, whoseStep: CaseSummary['whoseStep'], productName = `Product ${id}`): CaseSummary {
  return {
    id,
    orderId: `CS${id}`,
    productName,
    buyer: 'hw_1234***',
    amount: { minor: 100, currency: 'CNY' },
    flow: 'manual_service',
    flowLabel: { en: 'manual service', zhCN: '人工服务' },
    node: 'accepting',
    nodeLabel: { en: 'n', zhCN: 'n' },
    whoseStep,
    nodeSince: '2026-11-20T00:00:00Z',
    frozen: false,
    appeal: { now: false, why: { en: '', zhCN: '' }, opensAfter: null },
    autoAcceptAt: null,
    requirementRejections: 0,
    deliveryRejections: 0,
    lastRejectionReason: null,
    supervisionStatus: { en: 'in progress', zhCN: '进行中' },
    releasesBilling: false,
    validityStart: null,
    outgoing: { queued: 0, refused: null },
  };
}

function item(kind: ActionItem['kind'], id: string, urgent: boolean, dueAt: string | null): ActionItem {
  return { kind, id, title: { en: id, zhCN: id }, detail: { en: '', zhCN: '' }, dueAt, urgent };
}

describe('worklist lists', () => {
  const cases = [kase('1', 'seller', '等保测评咨询服务'), kase('2', 'buyer'), kase('3', null), kase('4', 'platform'), kase('5', 'seller')];

  it('groups a closed case (no one’s step) as closed', () => {
    expect(caseGroup({ whoseStep: null })).toBe('closed');
    expect(caseGroup({ whoseStep: 'seller' })).toBe('seller');
  });

  it('filters by whose step and searches product, order and buyer', () => {
    expect(filterCases(cases, 'seller', '').map((c) => c.id), 'my step shows only the seller’s').toEqual(['1', '5']);
    expect(filterCases(cases, 'closed', '').map((c) => c.id)).toEqual(['3']);
    expect(filterCases(cases, 'all', '等保').map((c) => c.id), 'Chinese product names are searchable').toEqual(['1']);
    expect(filterCases(cases, 'all', ' cs4 ').map((c) => c.id), 'order ids match without case or spaces').toEqual(['4']);
    expect(filterCases(cases, 'buyer', 'Product 5'), 'filter and search combine').toEqual([]);
  });

  it('counts what each filter holds', () => {
    expect(countByFilter(cases)).toEqual({ all: 5, seller: 2, buyer: 1, platform: 1, closed: 1 });
  });

  it('measures waiting in whole days and deadlines in seconds', () => {
    const now = Date.parse('2026-11-25T23:59:00Z');
    expect(idleDays('2026-11-20T00:00:00Z', now), '5 days 23 h 59 min is 5 whole days').toBe(5);
    expect(idleDays('2026-11-26T00:00:00Z', now), 'a clock behind the server never shows negative days').toBe(0);
    expect(secondsUntil('2026-11-26T00:00:00Z', now)).toBe(60);
    expect(secondsUntil('2026-11-25T23:58:00Z', now), 'a passed deadline is negative').toBe(-60);
  });

  it('opens invoices on the invoices page and cases on the case page', () => {
    expect(itemTarget({ kind: 'invoice_due', id: 'IR1' })).toEqual({ page: 'invoices', params: { request: 'IR1' } });
    expect(itemTarget({ kind: 'case_appealable', id: 'C1' })).toEqual({ page: 'cases', params: { case: 'C1' } });
  });

  it('lists urgent items first, then by the nearest deadline, undated last', () => {
    const sorted = sortNeeds([
      item('case_seller_step', 'step', false, null),
      item('invoice_due', 'later', false, '2026-12-05T16:00:00Z'),
      item('case_auto_accept', 'sooner', false, '2026-12-01T00:00:00Z'),
      item('invoice_due', 'urgent', true, '2026-11-29T16:00:00Z'),
      item('case_appealable', 'appeal', false, null),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['urgent', 'sooner', 'later', 'step', 'appeal']);
  });
});
