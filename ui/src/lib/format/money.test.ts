import { describe, expect, it } from 'vitest';
import { formatAxisAmount, formatMinor, formatMoney, totalsByCurrency } from './money';

describe('money, one shape everywhere', () => {
  it('groups thousands and names the currency, exactly', () => {
    expect(formatMinor(2200000, 'CNY', 'en')).toBe('22,000.00 CNY');
    expect(formatMinor(2200000, 'CNY', 'zh-CN')).toBe('22,000.00 CNY');
    expect(formatMoney({ minor: -359101, currency: 'USD' }, 'en')).toBe('-3,591.01 USD');
    expect(formatMinor(900719925474099, 'CNY', 'en'), 'no float rounding on big sums').toBe('9,007,199,254,740.99 CNY');
  });

  it('labels chart axes in whole grouped units, never 万 or K', () => {
    expect(formatAxisAmount(35000, 'zh-CN')).toBe('35,000');
    expect(formatAxisAmount(35000, 'en')).toBe('35,000');
  });

  it('totals a bill table per currency', () => {
    const rows = [
      { c: 'CNY', g: 100, n: 87 },
      { c: 'USD', g: 50, n: 40 },
      { c: 'CNY', g: 200, n: 174 },
    ];
    expect(totalsByCurrency(rows, (r) => r.c, { gross: (r) => r.g, net: (r) => r.n })).toEqual([
      { currency: 'CNY', sums: { gross: 300, net: 261 } },
      { currency: 'USD', sums: { gross: 50, net: 40 } },
    ]);
  });
});
