import { describe, expect, it } from 'vitest';
import { blankEndpoint } from './endpoint';
import { endpointFor, saveArgs, unsaved, withSaved } from './product';
import type { SaasProduct, SavedEndpoint } from './types';

const saved: SavedEndpoint = {
  accountId: 1,
  productId: 'OFFI900000000000000001',
  productName: '智能客服 SaaS 标准版',
  url: 'https://chat.example.com/produce',
  version: 'v1',
  mode: 'one-off',
  kit: true,
  publicKeyPem: '-----BEGIN PUBLIC KEY-----',
  updatedAt: '2026-12-01T02:00:00.000Z',
};

function product(over: Partial<SaasProduct> = {}): SaasProduct {
  return { productId: saved.productId, name: saved.productName, source: 'orders', saas: null, kit: false, mode: 'per-use', endpoint: null, ...over };
}

describe('picking a product', () => {
  it('brings its saved settings back whole', () => {
    const e = endpointFor(product({ endpoint: saved }), 1);
    expect(e).toEqual({ url: saved.url, version: 'v1', mode: 'one-off', kit: true, publicKeyPem: saved.publicKeyPem, accountId: 1 });
  });

  it('starts a product without settings from a clean form with its suggestions', () => {
    const e = endpointFor(product({ kit: true, mode: 'per-use' }), 7);
    expect(e).toEqual({ ...blankEndpoint(7), mode: 'per-use', kit: true });
    expect(e.url).toBe('');
  });
});

describe('saving before a run', () => {
  it('saves the trimmed URL under the product, with the key only when one is given', () => {
    const e = { ...blankEndpoint(3), url: '  https://a.example.com/p ' };
    expect(saveArgs(product(), e, 3)).toEqual({
      accountId: 3,
      productId: saved.productId,
      productName: saved.productName,
      url: 'https://a.example.com/p',
      version: 'v2',
      mode: 'period',
      kit: false,
    });
    expect(saveArgs(product(), { ...e, kit: true, publicKeyPem: 'PEM' }, 3).publicKeyPem).toBe('PEM');
  });

  it('marks the saved product in the list and tells a changed form from the saved one', () => {
    const list = withSaved([product(), product({ productId: 'other' })], saved);
    expect(list[0].endpoint).toBe(saved);
    expect(list[1].endpoint).toBeNull();
    const e = endpointFor(list[0], 1);
    expect(unsaved(list[0], e)).toBe(false);
    expect(unsaved(list[0], { ...e, mode: 'period' })).toBe(true);
    expect(unsaved(list[1], blankEndpoint(1))).toBe(false);
  });
});
