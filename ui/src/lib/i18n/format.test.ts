import { describe, expect, it } from 'vitest';
import { amountParts, formatAmount, formatCount, formatDateTime, formatMonth, formatSavedTime } from './format';

describe('formatAmount', () => {
  it('groups the integer part, keeps every decimal and shows the currency code', () => {
    expect(formatAmount('1234567.5', 'CNY', 'en'), 'should be grouped in threes and padded to cents').toBe(
      '1,234,567.50 CNY',
    );
    expect(formatAmount('1234567.5', 'USD', 'zh-CN')).toBe('1,234,567.50 USD');
  });

  it('never rounds: a value beyond float precision stays exact', () => {
    expect(formatAmount('9007199254740993.01', 'CNY', 'en'), 'digits past 2^53 should survive').toBe(
      '9,007,199,254,740,993.01 CNY',
    );
    expect(formatAmount('0.1', 'CNY', 'en')).toBe('0.10 CNY');
    expect(formatAmount('12.3456', 'USD', 'en'), 'extra decimals should be kept, not cut').toBe('12.3456 USD');
  });

  it('shows negative amounts with a leading minus and the sign in the parts', () => {
    expect(formatAmount('-1234.5', 'CNY', 'en')).toBe('-1,234.50 CNY');
    expect(amountParts('-1234.5', 'CNY', 'en').sign, 'a refund should be marked negative').toBe('-');
    expect(formatAmount('-0.00', 'CNY', 'en'), 'zero should never show a minus').toBe('0.00 CNY');
  });

  it('handles whole numbers, leading zeros and small amounts', () => {
    expect(formatAmount('100', 'CNY', 'en')).toBe('100.00 CNY');
    expect(formatAmount('0012.00', 'CNY', 'en')).toBe('12.00 CNY');
    expect(formatAmount('999', 'USD', 'en')).toBe('999.00 USD');
    expect(formatAmount('1000', 'USD', 'en')).toBe('1,000.00 USD');
  });

  it('shows a malformed amount as sent rather than inventing a number', () => {
    const parts = amountParts('12,5', 'CNY', 'en');
    expect(parts.valid, 'a comma decimal is not the wire format').toBe(false);
    expect(formatAmount('abc', 'CNY', 'en')).toBe('abc CNY');
  });
});

describe('formatMonth', () => {
  it('names the month in each locale without shifting it by time zone', () => {
    expect(formatMonth('2026-01', 'en')).toBe('Jan 2026');
    expect(formatMonth('2026-01', 'zh-CN')).toBe('2026年1月');
    expect(formatMonth('2025-12', 'en', 'short'), 'December should not become November in any zone').toBe('Dec 25');
    expect(formatMonth('2025-12', 'zh-CN', 'short')).toBe('25年12月');
  });

  it('leaves an unexpected value alone', () => {
    expect(formatMonth('2026/01', 'en')).toBe('2026/01');
  });
});

describe('counts and dates', () => {
  it('groups counts for the locale', () => {
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatCount(12345, 'zh-CN')).toBe('12,345');
  });

  it('shows an order time in the seller locale and the given zone', () => {
    const iso = '2024-11-21T09:08:46Z';
    expect(formatDateTime(iso, 'en', 'Asia/Shanghai')).toBe('11/21/2024, 17:08');
    expect(formatDateTime(iso, 'zh-CN', 'Asia/Shanghai')).toBe('2024/11/21 17:08');
    expect(formatDateTime('not a date', 'en'), 'a bad timestamp is shown as sent').toBe('not a date');
  });
});

describe('formatSavedTime', () => {
  it('gives the time alone on the same day, date and time otherwise', () => {
    const now = new Date('2024-11-21T10:00:00Z');
    expect(formatSavedTime('2024-11-21T04:03:00Z', 'en', now, 'Asia/Shanghai')).toBe('12:03');
    expect(formatSavedTime('2024-11-20T04:03:00Z', 'zh-CN', now, 'Asia/Shanghai')).toBe('2024/11/20 12:03');
    expect(formatSavedTime('nope', 'en', now)).toBe('nope');
  });
});
