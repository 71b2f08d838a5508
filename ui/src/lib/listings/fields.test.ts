import { describe, expect, it } from 'vitest';
import { NEW_DRAFT_CHOICES, formatBytes, formatPrice, nearestField, parsePrice } from './fields';

describe('nearestField', () => {
  const inputs = ['name', 'logo', 'main_images', 'specs', 'after_sales.service_time', 'description'];

  it('finds the input an issue points at, walking up the path', () => {
    expect(nearestField('name', inputs)).toBe('name');
    expect(nearestField('main_images[1]', inputs)).toBe('main_images');
    expect(nearestField('specs[0].skus[2]', inputs)).toBe('specs');
    expect(nearestField('after_sales.service_time', inputs)).toBe('after_sales.service_time');
    expect(nearestField('description.images[0]', inputs)).toBe('description');
  });

  it('gives null when no input holds the field', () => {
    expect(nearestField('delivery.license.asset_package_ref', inputs)).toBeNull();
  });
});

describe('prices', () => {
  it('parses exact decimals into minor units without floats', () => {
    expect(parsePrice('99.9')).toBe(9990);
    expect(parsePrice('0.07')).toBe(7);
    expect(parsePrice(' 1200 ')).toBe(120000);
    expect(parsePrice('19.99')).toBe(1999);
  });

  it('refuses what is not a plain amount', () => {
    for (const bad of ['1,000', '0.001', '-5', '1e3', '', '¥5', '１００']) {
      expect(parsePrice(bad), bad).toBeNull();
    }
  });

  it('formats minor units back', () => {
    expect(formatPrice(9990)).toBe('99.90');
    expect(formatPrice(7)).toBe('0.07');
  });
});

describe('new drafts', () => {
  it('offers every delivery type including both service flows', () => {
    const types = new Set(NEW_DRAFT_CHOICES.map((c) => c.productType));
    expect(types.size).toBe(8);
    expect(NEW_DRAFT_CHOICES.filter((c) => c.productType === 'manual_service').map((c) => c.flow)).toEqual([
      'standard',
      'website_building',
    ]);
  });

  it('shows sizes as a seller reads them', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(200_000)).toBe('195 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
