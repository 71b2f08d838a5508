import { describe, expect, it } from 'vitest';
import { inLocale } from './bilingual';

describe('messages in both languages', () => {
  const refusal =
    'The invoice must be for the full order amount, 1280.00 CNY, not 1000.00 CNY. / 发票金额须为订单全额 1280.00 CNY，而不是 1000.00 CNY。';

  it('shows the half in the UI language', () => {
    expect(inLocale(refusal, 'en')).toBe('The invoice must be for the full order amount, 1280.00 CNY, not 1000.00 CNY.');
    expect(inLocale(refusal, 'zh-CN')).toBe('发票金额须为订单全额 1280.00 CNY，而不是 1000.00 CNY。');
  });

  it('keeps Chinese names that belong to the English half', () => {
    const named = '“需求.pdf” is named .pdf but is a PNG image. / “需求.pdf”的扩展名是 .pdf，但内容是 PNG 图片。';
    expect(inLocale(named, 'en')).toBe('“需求.pdf” is named .pdf but is a PNG image.');
  });

  it('skips a slash that only separates English words', () => {
    const mixed = 'Use a 400 / 800 number. / 请使用 400/800 号码。';
    expect(inLocale(mixed, 'en')).toBe('Use a 400 / 800 number.');
    expect(inLocale(mixed, 'zh-CN')).toBe('请使用 400/800 号码。');
  });

  it('leaves a message in one language as it is', () => {
    expect(inLocale('HTTP 502 from the server', 'zh-CN')).toBe('HTTP 502 from the server');
    expect(inLocale('a / b', 'zh-CN')).toBe('a / b');
  });
});
