import { describe, expect, it } from 'vitest';
import { formatPrice, parsePrice, showsPrice } from './price';

describe('parsePrice', () => {
  it('turns decimal text into exact minor units', () => {
    expect(parsePrice('99.9')).toBe(9990);
    expect(parsePrice('99.90')).toBe(9990);
    expect(parsePrice('0.07')).toBe(7);
    expect(parsePrice('0')).toBe(0);
    expect(parsePrice(' 1200 ')).toBe(120000);
    expect(parsePrice('19.99')).toBe(1999);
    expect(parsePrice('0.29')).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parsePrice('999999999999.99')).toBe(99999999999999);
  });

  it('refuses what is not a plain amount with at most two decimals', () => {
    for (const bad of ['1,000', '0.001', '-5', '+5', '1e3', '', ' ', '.5', '5.', '¥5', '5 元', '１００', '1 000', '0x10', '1000000000000']) {
      expect(parsePrice(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('formatPrice', () => {
  it('shows minor units with two decimals', () => {
    expect(formatPrice(9990)).toBe('99.90');
    expect(formatPrice(7)).toBe('0.07');
    expect(formatPrice(0)).toBe('0.00');
    expect(formatPrice(-5)).toBe('-0.05');
  });

  it('round-trips', () => {
    for (const minor of [0, 1, 10, 99, 100, 12345, 99999999999999]) {
      expect(parsePrice(formatPrice(minor))).toBe(minor);
    }
  });

  it('knows when the typed text already means the stored amount', () => {
    expect(showsPrice('99.9', 9990)).toBe(true);
    expect(showsPrice('99.', 9900)).toBe(false);
    expect(showsPrice('', 0)).toBe(false);
  });
});
