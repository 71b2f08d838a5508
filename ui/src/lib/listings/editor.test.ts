import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { Asset, Copyright, Delivery, DraftView, Issue } from '../backend/types';
import { DraftEditorState } from './editor.svelte';
import EditorHarness from './EditorHarness.svelte';

const png: Asset = {
  hash: 'ab'.repeat(32),
  file_name: 'small.png',
  bytes: 1234,
  image: { format: 'png', width: 100, height: 100, bytes: 1234 },
};

const issue = (rule_id: string, field: string, severity: Issue['severity'] = 'error'): Issue => ({
  rule_id,
  severity,
  pack_severity: severity,
  overridden: null,
  field,
  message: { zh_cn: `规则 ${rule_id}`, en: `Rule ${rule_id}` },
  hint: { zh_cn: '提示', en: 'Hint' },
  source: 'https://support.huaweicloud.com/',
  heuristic: false,
});

function view(delivery: Delivery, copyright: Copyright): DraftView {
  return {
    id: 1,
    revision: 3,
    status: 'draft',
    productType: 'saas',
    createdAt: '2026-11-28T09:00:00Z',
    updatedAt: '2026-11-28T09:03:00Z',
    packVersion: '2026.11.2',
    globalOverrides: { rules: { 'content.superlatives': 'off' } },
    report: {
      pack_version: '2026.11.2',
      issues: [
        issue('content.absolute-words', 'name'),
        issue('logo.dimensions', 'logo'),
        issue('sku.trial', 'specs[0].trial_days', 'warning'),
        issue('after-sales.service-time', 'after_sales.service_time.time_zone'),
        issue('content.absolute-words', 'highlights'),
      ],
      suppressed: [{ rule_id: 'content.superlatives', scope: 'global', would_report: 1 }],
    },
    draft: {
      name: '最佳数据库备份',
      version: 'V1.0',
      delivery,
      labels: ['kunpeng'],
      sites: ['cn'],
      relation: { kind: 'saas_edition', related_product: 'Acme' },
      sales_regions: ['cn-north-4'],
      locales: ['zh-CN'],
      logo: png,
      main_images: [png, png], // the same image twice must not break keyed lists
      video: null,
      overview: 'Backups',
      highlights: ['Fast', ''],
      description: '# Acme',
      description_images: [],
      customer_cases: ['A bank'],
      after_sales: {
        service_time: { days_per_week: 5, hours_per_day: 8, time_zone: 'GMT+08:00' },
        content: 'Installation',
        hotline: '400-000-0000',
        email: 'support@example.com',
      },
      user_guide: '',
      agreement: '',
      copyright,
      prerequisites: { kunpeng_certificate: null, hcs_certificate: null },
      delivery_template: null,
      specs: [
        {
          name: 'Basic',
          billing: 'yearly_monthly',
          attributes: [
            { quantity: { name: 'users', unit: 'user', min: 1, max: 10 } },
            { enumeration: { name: 'edition', values: ['A', 'B', 'A'] } },
          ],
          skus: [{ code: 'S1', price: { minor: 9990, currency: 'CNY' }, values: { edition: 'A' } }],
          trial_days: 7,
          purchase_limit: { max_count: 2, until_resource_expiry: true },
        },
      ],
      overrides: { rules: { 'name.no-version': { severity: 'info' } } },
      checked_with_pack: '2026.10.1',
    },
  };
}

const DELIVERIES: [Delivery, Copyright][] = [
  [{ saas: { joint_operation: false, offline_delivery: true } }, { certificate: { software_name: 'x', owner: 'y', file: png } }],
  [{ license: { asset_package_ref: null } }, { declaration_letter: { file: null } }],
  ['image', null],
  [{ manual_service: { flow: 'website_building' } }, null],
  [{ consulting: { seller_url: 'https://example.com' } }, null],
  ['hardware', null],
  [{ api: { api_group: 'g' } }, null],
];

function rendered(delivery: Delivery, copyright: Copyright): string {
  const ed = new DraftEditorState(1);
  const v = view(delivery, copyright);
  ed.view = v;
  ed.draft = structuredClone(v.draft);
  ed.available = new Set(['name', 'logo', 'specs[0].trial_days', 'after_sales.service_time', 'highlights']);
  return render(EditorHarness, { props: { ed } }).body;
}

describe('the draft editor sections', () => {
  for (const [delivery, copyright] of DELIVERIES) {
    it(`render for ${JSON.stringify(delivery)}`, () => {
      const body = rendered(delivery, copyright);
      expect(body).toContain('data-testid="draft-name"');
      expect(body).toContain('PNG · 100 × 100 px');
      expect(body).toContain('value="99.90"'); // 9990 minor units shown exactly
      expect(body).toContain('value="7"');
      expect(body, 'no inline style attributes under the strict CSP').not.toMatch(/\sstyle="/);
    });
  }

  it('mark the inputs issues point at, with the message under them', () => {
    const body = rendered(DELIVERIES[0][0], DELIVERIES[0][1]);
    expect(body).toMatch(/<input[^>]*data-field="name"[^>]*aria-invalid="true"/);
    expect(body).toMatch(/data-for="name"[^>]*>.*Rule content\.absolute-words/s);
    // time_zone's issue lands on the nearest input path that exists: the service-time group.
    expect(body).toMatch(/data-for="after_sales\.service_time"[^>]*>.*Rule after-sales\.service-time/s);
  });

  it('show the panel with counts, the older pack and the switched-off rule', () => {
    const body = rendered('image', null);
    expect(body).toContain('4 errors');
    expect(body).toContain('last checked with 2026.10.1');
    expect(body).toContain('Rules switched off: 1');
    expect(body).toMatch(/data-testid="issue" data-rule="logo\.dimensions" data-field="logo"/);
  });
});
