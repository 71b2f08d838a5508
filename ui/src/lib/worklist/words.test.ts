import { describe, expect, it } from 'vitest';
import { fileToBase64, minorToAmount, otherSideSteps, pick, timeLeft } from './words';

describe('worklist words', () => {
  it('counts down in both languages and says when a deadline has passed', () => {
    expect(timeLeft(19 * 3600 + 59, 'en'), 'under a day shows hours').toBe('19 h left');
    expect(timeLeft(2 * 86_400 + 3 * 3600, 'zh-CN')).toBe('剩余 2 天 3 小时');
    expect(timeLeft(45 * 60, 'en'), 'under an hour shows minutes').toBe('45 min left');
    expect(timeLeft(-3 * 3600, 'en'), 'a negative remainder is overdue').toBe('overdue by 3 h');
    expect(timeLeft(-3 * 3600, 'zh-CN')).toBe('已逾期 3 小时');
  });

  it('formats minor units exactly, including small and negative amounts', () => {
    expect(minorToAmount(128_000)).toBe('1280.00');
    expect(minorToAmount(5)).toBe('0.05');
    expect(minorToAmount(-1_999)).toBe('-19.99');
  });

  it('picks the text of the UI language', () => {
    expect(pick({ en: 'completed', zhCN: '已完成' }, 'zh-CN')).toBe('已完成');
    expect(pick(null, 'en'), 'no text is an empty string').toBe('');
  });

  it('offers the buyer only the steps of the node the case is at', () => {
    expect(otherSideSteps('accepting').map((s) => s.key), 'at acceptance the buyer accepts or rejects').toEqual(['accept', 'reject']);
    expect(otherSideSteps('providing_service'), 'the seller’s node offers the buyer nothing').toEqual([]);
  });

  it('reads a file as base64 without a data-URL prefix', async () => {
    const b64 = await fileToBase64(new Blob([new Uint8Array([37, 80, 68, 70])]));
    expect(b64).toBe('JVBERg==');
  });
});
