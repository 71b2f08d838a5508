import { describe, expect, it } from 'vitest';
import { chartPalette } from '../charts/palette';
import { trendOption, waterfallBars, waterfallOption } from './options';

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

  it('a CN bill’s waterfall has no empty international-tax columns, labels each step and names its unit', () => {
    const cn = [
      { key: 'gross' as const, minor: 2_200_000 },
      { key: 'customer_wht' as const, minor: 0 },
      { key: 'fee' as const, minor: -286_000 },
      { key: 'seller_wht' as const, minor: 0 },
      { key: 'dst' as const, minor: 0 },
      { key: 'net' as const, minor: 1_914_000 },
    ];
    const option = waterfallOption(cn, 'CNY', chartPalette(false), (k) => k, 'zh-CN');
    expect((option.xAxis as { data: string[] }).data, 'gross, the fee and net only').toEqual(['gross', 'fee', 'net']);
    const yAxis = option.yAxis as { name: string; axisLabel: { formatter: (v: number) => string } };
    expect(yAxis.name, 'the axis says its unit').toBe('CNY');
    expect(yAxis.axisLabel.formatter(35000), 'whole grouped units, not 万').toBe('35,000');
    const shown = (option.series as { label?: { show: boolean; formatter: (p: { dataIndex: number }) => string } }[])[1].label;
    expect(shown?.show).toBe(true);
    expect([0, 1, 2].map((i) => shown?.formatter({ dataIndex: i })), 'exact signed values on the bars').toEqual(['22,000.00', '-2,860.00', '19,140.00']);
  });

  it('the trend axis uses the same unit as every other chart', () => {
    const months = [{ key: '2026-09', currency: 'CNY', grossMinor: 3_500_000, feeMinor: 0, taxMinor: 0, netMinor: 0, lines: 1 }];
    const yAxis = trendOption(months, 'CNY', 'zh-CN', chartPalette(false), { gross: 'G', fee: 'F', tax: 'T', net: 'N' }).yAxis as {
      name: string;
      axisLabel: { formatter: (v: number) => string };
    };
    expect([yAxis.name, yAxis.axisLabel.formatter(35000)]).toEqual(['CNY', '35,000']);
  });
});
