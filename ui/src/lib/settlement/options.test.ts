import { describe, expect, it } from 'vitest';
import { chartPalette } from '../charts/palette';
import { trendOption, waterfallBars } from './options';

describe('settlement charts', () => {
  it('stacks each deduction on the level left after the ones before it', () => {
    const { base, value } = waterfallBars([
      { key: 'gross', minor: 80_000 },
      { key: 'customer_wht', minor: 0 },
      { key: 'fee', minor: -12_000 },
      { key: 'seller_wht', minor: -10_000 },
      { key: 'dst', minor: -2_000 },
      { key: 'net', minor: 56_000 },
    ]);
    expect(base, 'the fee hangs from 680 down to 800, WHT from 580 to 680, DST from 560 to 580').toEqual([0, 80_000, 68_000, 58_000, 56_000, 0]);
    expect(value, 'each bar is as tall as its amount').toEqual([80_000, 0, 12_000, 10_000, 2_000, 56_000]);
  });

  it('plots only the chosen currency, one bar per month and figure', () => {
    const months = [
      { key: '2026-09', currency: 'CNY', grossMinor: 100_00, feeMinor: 13_00, taxMinor: 0, netMinor: 87_00, lines: 1 },
      { key: '2026-09', currency: 'USD', grossMinor: 5_00, feeMinor: 1_00, taxMinor: 0, netMinor: 4_00, lines: 1 },
    ];
    const option = trendOption(months, 'CNY', 'en', chartPalette(false), { gross: 'Gross', fee: 'Fee', tax: 'Tax', net: 'Net' });
    const series = option.series as { data: number[] }[];
    expect(series.map((s) => s.data), 'four series of the CNY month only').toEqual([[100], [13], [0], [87]]);
  });
});
