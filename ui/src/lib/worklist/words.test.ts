import { describe, expect, it } from 'vitest';
import { duration, fileSize, fileToBase64, isJointFlow, minorToAmount, otherSideSteps, parseAmount, pick, timeLeft } from './words';

describe('worklist words', () => {
  it('counts down in both languages and says when a deadline has passed', () => {
    expect(timeLeft(19 * 3600 + 59, 'en'), 'under a day shows hours').toBe('19 h left');
    expect(timeLeft(2 * 86_400 + 3 * 3600, 'zh-CN')).toBe('剩余 2 天 3 小时');
    expect(timeLeft(45 * 60, 'en'), 'under an hour shows minutes').toBe('45 min left');
    expect(timeLeft(-3 * 3600, 'en'), 'a negative remainder is overdue').toBe('overdue by 3 h');
    expect(timeLeft(-3 * 3600, 'zh-CN')).toBe('已逾期 3 小时');
    expect(timeLeft(23 * 3600 + 59 * 60, 'zh-CN'), 'hours are whole, never rounded up').toBe('剩余 23 小时');
    expect(timeLeft(30, 'en'), 'the last minute').toBe('0 min left');
    expect(duration(-(6 * 86_400 + 5 * 3600), 'en'), 'a span has no direction').toBe('6 d 5 h');
  });

  it('formats minor units exactly, including small and negative amounts', () => {
    expect(minorToAmount(128_000)).toBe('1280.00');
    expect(minorToAmount(5)).toBe('0.05');
    expect(minorToAmount(-1_999)).toBe('-19.99');
  });

  it('reads typed amounts exactly and refuses what is not one', () => {
    expect(parseAmount('1280.00')).toBe(128_000);
    expect(parseAmount(' 1280 ')).toBe(128_000);
    expect(parseAmount('0.5')).toBe(50);
    expect(parseAmount('13'), 'a tax rate in % reads as basis points').toBe(1300);
    for (const bad of ['1,280.00', '12.345', '', '-5', 'abc', '1.']) expect(parseAmount(bad), bad).toBeNull();
  });

  it('picks the text of the UI language', () => {
    expect(pick({ en: 'completed', zhCN: '已完成' }, 'zh-CN')).toBe('已完成');
    expect(pick(null, 'en'), 'no text is an empty string').toBe('');
  });

  it('offers the buyer only the steps of the node the case is at', () => {
    expect(otherSideSteps('accepting').map((s) => s.key), 'at acceptance the buyer accepts or rejects').toEqual(['accept', 'reject']);
    expect(otherSideSteps('providing_service'), 'the seller’s node offers the buyer nothing').toEqual([]);
    expect(otherSideSteps('completed'), 'a closed case offers nothing').toEqual([]);
  });

  it('builds each step in the domain’s serde form, with the reason where one is needed', () => {
    const [submit] = otherSideSteps('submitting_requirements');
    expect(submit.op('')).toEqual({ submit_requirements: { documents: ['需求说明书.docx'] } });
    const reject = otherSideSteps('accepting').find((s) => s.key === 'reject');
    expect(reject?.needsReason).toBe(true);
    expect(reject?.op('缺少签字页')).toEqual({ reject_delivery: { reason: '缺少签字页' } });
    expect(otherSideSteps('confirming_order')[0].op('')).toBe('confirm_order');
    expect(otherSideSteps('auto_accepting').map((s) => [s.actor, s.op('')]), 'the platform’s timer').toEqual([['platform', 'auto_accept']]);
    const review = otherSideSteps('reviewing_acceptance');
    expect(review.map((s) => s.op('签章不全'))).toEqual(['approve_acceptance', { return_acceptance: { reason: '签章不全' } }]);
  });

  it('tells joint-operation License flows by their serde form', () => {
    expect(isJointFlow({ joint_license: { enablement_cloud: false } })).toBe(true);
    expect(isJointFlow('manual_service')).toBe(false);
    expect(isJointFlow(null)).toBe(false);
  });

  it('reads a file as base64 without a data-URL prefix', async () => {
    const b64 = await fileToBase64(new Blob([new Uint8Array([37, 80, 68, 70])]));
    expect(b64).toBe('JVBERg==');
  });

  it('reads a large binary file exactly, across its chunks', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const b64 = await fileToBase64(new Blob([bytes]));
    expect(Buffer.from(b64, 'base64').equals(Buffer.from(bytes)), 'every byte survives').toBe(true);
  });

  it('says file sizes in B, KB and MB', () => {
    expect(fileSize(51, 'en')).toBe('51 B');
    expect(fileSize(2048, 'en')).toBe('2 KB');
    expect(fileSize(5 * 1024 * 1024 + 512 * 1024, 'zh-CN')).toBe('5.5 MB');
  });
});
