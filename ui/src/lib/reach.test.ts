import { describe, expect, it } from 'vitest';
import en from './i18n/catalogs/en.json';
import zhCN from './i18n/catalogs/zh-CN.json';
import { REACH, objectKey, routeKey, statusKey } from './reach';

describe('how each object reaches KooGallery', () => {
  it('only orders claim the live Open API', () => {
    expect(REACH.filter((r) => r.routes.includes('openApi')).map((r) => r.object)).toEqual(['orders']);
    expect(REACH.filter((r) => r.status === 'live').map((r) => r.object)).toEqual(['orders']);
  });

  it('only bills are imported from console exports (invoices and cases have no export to import)', () => {
    expect(REACH.filter((r) => r.routes.includes('consoleImport')).map((r) => r.object)).toEqual(['bills']);
  });

  it('objects with no public API and no bridge say they reach only a Seller Sync API server', () => {
    for (const r of REACH.filter((x) => x.status === 'sandbox')) expect(r.routes).toEqual(['sellerSync']);
  });

  it('each screen works one object, and every label exists in both languages', () => {
    expect(new Set(REACH.map((r) => r.page)).size).toBe(REACH.length);
    const keys = REACH.flatMap((r) => [objectKey(r.object), statusKey(r.status), ...r.routes.map(routeKey)]);
    for (const k of keys) {
      expect(en, k).toHaveProperty([k]);
      expect(zhCN, k).toHaveProperty([k]);
    }
  });
});
