import { describe, expect, it } from 'vitest';
import { formatMarketTime, marketTime } from './time';

describe('times in UTC+8 with one label', () => {
  const iso = '2026-12-06T06:30:00Z';

  it('shows the instant in UTC+8, labelled, and nothing more when this computer is in UTC+8 too', () => {
    expect(marketTime(iso, 'en', 'Asia/Shanghai')).toEqual({ text: '12/06/2026, 14:30 UTC+8', local: null });
    expect(marketTime(iso, 'zh-CN', 'Asia/Hong_Kong').text).toBe('2026/12/06 14:30 北京时间');
  });

  it('adds the seller’s own clock when it differs', () => {
    expect(formatMarketTime(iso, 'en', 'Europe/Berlin')).toBe('12/06/2026, 14:30 UTC+8 (your time 12/06/2026, 07:30)');
    expect(formatMarketTime(iso, 'zh-CN', 'UTC')).toBe('2026/12/06 14:30 北京时间（您的本地时间 2026/12/06 06:30）');
  });
});
