import { describe, expect, it } from 'vitest';
import { DRAFT_STATUSES, NEW_DRAFT_CHOICES, PRODUCT_TYPES, deliveryKind, formatBytes, parseWhole, splitValues, statusTone } from './fields';

describe('new drafts', () => {
  it('offers every product type, manual service in both flows', () => {
    expect(NEW_DRAFT_CHOICES.map((c) => c.key)).toEqual([
      'saas',
      'saas_joint',
      'license',
      'image',
      'manual_service',
      'website_building',
      'consulting',
      'hardware',
      'api',
    ]);
    expect(new Set(NEW_DRAFT_CHOICES.map((c) => c.productType))).toEqual(new Set(PRODUCT_TYPES));
    expect(NEW_DRAFT_CHOICES.filter((c) => c.productType === 'manual_service').map((c) => c.flow)).toEqual([
      'standard',
      'website_building',
    ]);
    expect(NEW_DRAFT_CHOICES.filter((c) => c.productType !== 'manual_service').every((c) => c.flow === undefined)).toBe(true);
  });

  it('keeps the menu values unique', () => {
    expect(new Set(NEW_DRAFT_CHOICES.map((c) => c.key)).size).toBe(NEW_DRAFT_CHOICES.length);
  });
});

describe('statuses', () => {
  it('puts every application status on the shared colour scale', () => {
    expect(DRAFT_STATUSES.map(statusTone)).toEqual(['draft', 'pending', 'ok', 'failed']);
  });
});

describe('delivery', () => {
  it('names the variant of a delivery', () => {
    expect(deliveryKind({ saas: { joint_operation: false, offline_delivery: false } })).toBe('saas');
    expect(deliveryKind({ license: { asset_package_ref: null } })).toBe('license');
    expect(deliveryKind('image')).toBe('image');
    expect(deliveryKind('hardware')).toBe('hardware');
  });
});

describe('numbers as typed', () => {
  it('shows sizes as a seller reads them', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(200_000)).toBe('195 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('reads whole numbers within limits', () => {
    expect(parseWhole('5', 1, 7)).toBe(5);
    expect(parseWhole(' 7 ', 1, 7)).toBe(7);
    expect(parseWhole('8', 1, 7)).toBeUndefined();
    expect(parseWhole('0', 1, 7)).toBeUndefined();
    expect(parseWhole('2.5', 1, 7)).toBeUndefined();
    expect(parseWhole('-1', 0, 7)).toBeUndefined();
    expect(parseWhole('', 1, 7)).toBeUndefined();
    expect(parseWhole('', 0, 90, true)).toBeNull();
  });

  it('splits enumeration values on ASCII and CJK commas', () => {
    expect(splitValues('Basic, Pro，企业版、 ,')).toEqual(['Basic', 'Pro', '企业版']);
  });
});
