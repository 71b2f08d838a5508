import { describe, expect, it } from 'vitest';
import en from './catalogs/en.json';
import zhCN from './catalogs/zh-CN.json';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const catalogs: Record<string, Record<string, string>> = { en, 'zh-CN': zhCN };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('message catalogs', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zhCN).sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k)), 'keys only in zh-CN should not exist').toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k)), 'keys only in en should not exist').toEqual([]);
  });

  it('no message is empty or just whitespace', () => {
    for (const [name, catalog] of Object.entries(catalogs)) {
      const empty = Object.entries(catalog).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(empty.map(([k]) => k), `${name} should have no empty messages`).toEqual([]);
    }
  });

  it('each message uses the same {placeholders} in both languages', () => {
    const mismatched = Object.keys(en).filter(
      (k) => placeholders(en[k as keyof typeof en]).join() !== placeholders(zhCN[k as keyof typeof zhCN]).join(),
    );
    expect(mismatched, 'a translation should keep every {placeholder} of the English text').toEqual([]);
  });

  it('the Chinese catalog is actually Chinese where a person reads prose', () => {
    const prose = ['nav.dashboard', 'nav.orders', 'nav.settings', 'dashboard.title', 'orders.title', 'settings.test'];
    for (const k of prose) {
      expect(zhCN[k as keyof typeof zhCN], `${k} should be written in Chinese`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('every order type and charging mode the core sends has a label in both languages', () => {
    const codes = [
      ...['NEW', 'RENEW', 'TRIAL', 'TRIAL_TO_FORMAL', 'UNSUBSCRIBE', 'CHANGE'].map((c) => `orderType.${c}`),
      ...['PERIOD', 'ONE_TIME', 'ON_DEMAND', 'ON_DEMAND_PKG'].map((c) => `chargingMode.${c}`),
      ...['cn', 'intl', 'eu', 'sandbox', 'custom'].flatMap((s) => [`site.${s}.badge`, `site.${s}.name`]),
    ];
    for (const [name, catalog] of Object.entries(catalogs)) {
      expect(codes.filter((k) => !(k in catalog)), `${name} should label every code`).toEqual([]);
    }
  });

  it('every literal key passed to t() in the source exists in the catalogs', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)) used.add(m[1]);
    }
    expect(used.size, 'the scan should find the keys used by components').toBeGreaterThan(50);
    expect([...used].filter((k) => !(k in en)), 'keys used in components should exist').toEqual([]);
  });

  it('every reconciliation cause, import problem and mapping confidence the core sends has a label', () => {
    const codes = [
      ...['missing', 'extra', 'amount_differs', 'net_differs', 'period_differs'].map((c) => `reconcile.cause.${c}`),
      ...['formula', 'repeated_row', 'currency', 'rounded_id', 'period', 'date', 'order', 'amount', 'fee', 'rate', 'other'].map((c) => `import.problem.${c}`),
      ...['exact', 'sub_header', 'contains', 'manual', 'unmapped'].map((c) => `import.confidence.${c}`),
      ...['totals_row', 'repeated_header', 'gbk', 'clipped', 'assumed_currency'].map((c) => `import.note.${c}`),
      ...['overview', 'bills', 'held', 'reconcile', 'import', 'calendar'].map((c) => `bills.tab.${c}`),
    ];
    for (const [name, catalog] of Object.entries(catalogs)) {
      expect(codes.filter((k) => !(k in catalog)), `${name} should label every settlement code`).toEqual([]);
    }
  });

  it('every message is used somewhere (codes looked up at run time excepted)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const source = sourceFiles(root)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const dynamic = [
      'orderType.',
      'chargingMode.',
      'site.',
      'locale.',
      'appStatus.',
      'billing.',
      'bills.stage.',
      'bills.step.',
      'bills.tab.',
      'bills.type.',
      'reconcile.cause.',
      'import.problem.',
      'import.note.',
      'import.confidence.',
      'why.key.',
      'actor.',
      'buyerStep.',
      'caseAction.',
      'cases.filter.',
      'needs.kind.',
      'role.',
      'weekday.',
      'draftStatus.',
      'history.',
      'issues.as.',
      'issues.overridden.',
      'issues.scope.',
      'issues.sev.',
      'label.',
      'newDraft.',
      'op.',
      'productField.',
      'productType.',
      'relation.',
      'sale.',
      'reach.object.',
      'reach.route.',
      'reach.status.',
      'timeText.',
    ];
    const unused = Object.keys(en).filter((k) => !dynamic.some((p) => k.startsWith(p)) && !source.includes(`'${k}'`));
    expect(unused, 'a message nobody shows should be removed from both catalogs').toEqual([]);
  });
});
