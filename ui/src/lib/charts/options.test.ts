import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../backend/types';
import { breakdownOption, monthRows, perMonthOption, type PerMonthLabels } from './options';
import { chartPalette } from './palette';

/** Just enough of a DOM for the tooltip builder: elements with text and children. */
class FakeElement {
  className = '';
  textContent = '';
  children: (FakeElement | string)[] = [];
  append(...nodes: (FakeElement | string)[]) {
    this.children.push(...nodes);
  }
  text(): string {
    return [this.textContent, ...this.children.map((c) => (typeof c === 'string' ? c : c.text()))].join(' ');
  }
}
const fakeDoc = { createElement: () => new FakeElement() } as unknown as Document;

const labels: PerMonthLabels = {
  count: 'Orders',
  amount: (c) => `Gross (${c})`,
  note: 'Month in UTC+8',
};

const perMonth: Dashboard['perMonth'] = [
  { month: '2026-01', count: 3, amount: '0', currency: 'CNY' },
  { month: '2025-12', count: 12, amount: '9007199254740993.10', currency: 'CNY' },
  { month: '2026-02', count: 5, amount: '1234.5', currency: 'CNY' },
];

type Tip = (params: unknown) => FakeElement;

describe('orders-per-month chart', () => {
  it('orders months oldest first and labels them in the locale', () => {
    expect(monthRows(perMonth).map((r) => r.month)).toEqual(['2025-12', '2026-01', '2026-02']);
    const option = perMonthOption(perMonth, 'zh-CN', chartPalette(false), labels, fakeDoc);
    const xAxis = option.xAxis as unknown as { data: string[] };
    expect(xAxis.data, 'axis labels should be short localized months').toEqual(['25年12月', '26年1月', '26年2月']);
  });

  it('draws counts as bars and the amount as a line on the second axis', () => {
    const option = perMonthOption(perMonth, 'en', chartPalette(false), labels, fakeDoc);
    const series = option.series as unknown as { type: string; yAxisIndex: number; data: number[] }[];
    expect(series.map((s) => [s.type, s.yAxisIndex])).toEqual([
      ['bar', 0],
      ['line', 1],
    ]);
    expect(series[0].data).toEqual([12, 3, 5]);
    expect(series[1].data[2]).toBe(1234.5);
  });

  it('labels the amount axis in whole grouped units with its currency, as the bills charts do (no 万)', () => {
    const option = perMonthOption(perMonth, 'zh-CN', chartPalette(false), labels, fakeDoc);
    const amountAxis = (option.yAxis as { name?: string; axisLabel: { formatter: (v: number) => string } }[])[1];
    expect(amountAxis.axisLabel.formatter(35000)).toBe('35,000');
    expect(amountAxis.name).toMatch(/^[A-Z]{3}( \/ [A-Z]{3})*$/);
  });

  it('shows exact amounts in the tooltip, never the rounded plotting value', () => {
    const option = perMonthOption(perMonth, 'en', chartPalette(false), labels, fakeDoc);
    const formatter = (option.tooltip as unknown as { formatter: Tip }).formatter;
    const text = formatter([{ dataIndex: 0 }]).text();
    expect(text, 'the tooltip should name the full month').toContain('Dec 2025');
    expect(text, 'the tooltip should show the exact decimal string, grouped').toContain(
      '9,007,199,254,740,993.10 CNY',
    );
    expect(text, 'the tooltip should say the month is computed in UTC+8').toContain('UTC+8');
  });

  it('draws one line per currency when an account sells in two', () => {
    const mixed = [...perMonth, { month: '2026-02', count: 1, amount: '10', currency: 'USD' }];
    const option = perMonthOption(mixed, 'en', chartPalette(true), labels, fakeDoc);
    const series = option.series as unknown as { name: string }[];
    expect(series.map((s) => s.name)).toEqual(['Orders', 'Gross (CNY)', 'Gross (USD)']);
    const rows = monthRows(mixed);
    expect(rows[2].count, 'counts of both currencies add up per month').toBe(6);
  });
});

describe('breakdown chart', () => {
  it('puts the largest group on top with its count as a text label', () => {
    const option = breakdownOption(
      [
        { code: 'RENEW', label: 'Renewal', count: 4 },
        { code: 'NEW', label: 'New purchase', count: 9 },
      ],
      'en',
      chartPalette(false),
      'Orders',
      fakeDoc,
    );
    const yAxis = option.yAxis as unknown as { data: string[]; axisLabel: { formatter: (c: string) => string } };
    expect(yAxis.data, 'ECharts draws categories bottom-up, so the largest comes last').toEqual(['RENEW', 'NEW']);
    expect(yAxis.axisLabel.formatter('NEW'), 'bars carry a text label, not colour alone').toBe('New purchase');
    const series = (option.series as unknown as { label: { show: boolean } }[])[0];
    expect(series.label.show).toBe(true);
  });
});
