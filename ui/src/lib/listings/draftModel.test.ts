import { describe, expect, it } from 'vitest';
import { severityBySite, type StatedRule } from './draftModel';

const rule = (over: Partial<StatedRule>): StatedRule => ({
  id: 'delivery.average-days',
  severity: 'error',
  field: 'delivery_days',
  types: ['license'],
  sites: ['cn', 'intl', 'eu'],
  source: 'https://example.invalid/',
  official: true,
  message: { zh_cn: '', en: '' },
  hint: { zh_cn: '', en: '' },
  ...over,
});

describe('severityBySite', () => {
  it('says error where a site states the rule and warning where it is only read', () => {
    expect(severityBySite(rule({ stated_on: ['intl', 'eu'] }))).toEqual([
      { severity: 'error', sites: ['intl', 'eu'] },
      { severity: 'warning', sites: ['cn'] },
    ]);
  });

  it('keeps one group when every site states it, or when the rule is only a note', () => {
    expect(severityBySite(rule({ stated_on: ['cn', 'intl', 'eu'] }))).toEqual([{ severity: 'error', sites: ['cn', 'intl', 'eu'] }]);
    expect(severityBySite(rule({ severity: 'info', stated_on: ['cn'] }))).toEqual([{ severity: 'info', sites: ['cn', 'intl', 'eu'] }]);
  });

  it('treats a rule without stated_on as stated everywhere it applies', () => {
    expect(severityBySite(rule({}))).toEqual([{ severity: 'error', sites: ['cn', 'intl', 'eu'] }]);
  });
});
