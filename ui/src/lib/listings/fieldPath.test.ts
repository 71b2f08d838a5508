import { describe, expect, it } from 'vitest';
import { fieldId, issuesByInput, nearestField, parentPath } from './fieldPath';

describe('parentPath', () => {
  it('cuts one index or one segment off the end', () => {
    expect(parentPath('specs[0].skus[2]')).toBe('specs[0].skus');
    expect(parentPath('specs[0].skus')).toBe('specs[0]');
    expect(parentPath('specs[0]')).toBe('specs');
    expect(parentPath('after_sales.service_time.time_zone')).toBe('after_sales.service_time');
    expect(parentPath('specs')).toBeNull();
  });
});

describe('nearestField', () => {
  const inputs = new Set(['name', 'logo', 'main_images', 'main_images[1]', 'specs', 'specs[0].billing', 'after_sales.service_time', 'description']);

  it('takes the exact input when there is one', () => {
    expect(nearestField('name', inputs)).toBe('name');
    expect(nearestField('main_images[1]', inputs)).toBe('main_images[1]');
    expect(nearestField('specs[0].billing', inputs)).toBe('specs[0].billing');
  });

  it('walks up indices and segments to the longest prefix', () => {
    expect(nearestField('main_images[3]', inputs)).toBe('main_images');
    expect(nearestField('specs[0].skus[2]', inputs)).toBe('specs');
    expect(nearestField('after_sales.service_time.time_zone', inputs)).toBe('after_sales.service_time');
    expect(nearestField('description.images[0]', inputs)).toBe('description');
  });

  it('never matches a mere string prefix of another field name', () => {
    expect(nearestField('names', inputs)).toBeNull();
    expect(nearestField('logo_extra', inputs)).toBeNull();
  });

  it('gives null when no input holds the field, and accepts an array too', () => {
    expect(nearestField('delivery.license.asset_package_ref', inputs)).toBeNull();
    expect(nearestField('', inputs)).toBeNull();
    expect(nearestField('specs[1].trial_days', ['specs[1]', 'specs'])).toBe('specs[1]');
  });
});

describe('issuesByInput', () => {
  it('groups issues under the input they jump to and leaves out the homeless', () => {
    const issues = [
      { field: 'name', id: 1 },
      { field: 'name', id: 2 },
      { field: 'specs[0].trial_days', id: 3 },
      { field: 'video', id: 4 },
    ];
    const map = issuesByInput(issues, ['name', 'specs[0]']);
    expect(map.get('name')?.map((i) => i.id)).toEqual([1, 2]);
    expect(map.get('specs[0]')?.map((i) => i.id)).toEqual([3]);
    expect([...map.keys()]).toEqual(['name', 'specs[0]']);
  });
});

describe('fieldId', () => {
  it('makes a DOM id from a path', () => {
    expect(fieldId('specs[0].skus[2]')).toBe('f-specs-0-skus-2');
    expect(fieldId('after_sales.content')).toBe('f-after-sales-content');
  });
});
