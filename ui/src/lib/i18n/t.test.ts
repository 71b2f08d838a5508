import { describe, expect, it } from 'vitest';
import { guessLocale, interpolate, locale, setCurrentLocale, t, tDynamic } from './index.svelte';

describe('t()', () => {
  it('follows the current locale', () => {
    setCurrentLocale('en');
    expect(t('nav.orders')).toBe('Orders');
    setCurrentLocale('zh-CN');
    expect(locale()).toBe('zh-CN');
    expect(t('nav.orders'), 'switching locale should switch the text').toBe('订单');
    setCurrentLocale('en');
  });

  it('fills {params}', () => {
    setCurrentLocale('en');
    expect(t('orders.range', { from: 1, to: 50, total: 312 })).toBe('1–50 of 312');
    expect(interpolate('{a} and {b}', { a: 'x' }), 'a missing param stays visible').toBe('x and {b}');
  });

  it('falls back to the raw code for a value it does not know', () => {
    setCurrentLocale('en');
    expect(tDynamic('orderType.NEW', 'NEW')).toBe('New purchase');
    expect(tDynamic('orderType.FUTURE_TYPE', 'FUTURE_TYPE')).toBe('FUTURE_TYPE');
  });

  it('guesses Chinese from the browser only when a zh language is listed', () => {
    expect(guessLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(guessLocale(['de-DE', 'en-US'])).toBe('en');
    expect(guessLocale([])).toBe('en');
  });
});
