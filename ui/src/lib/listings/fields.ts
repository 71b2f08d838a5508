// Pure helpers of the draft editor: where an issue points, prices as exact minor
// units, and the product types a new draft can start from.
import type { DraftStatus, ProductType } from '../backend/types';

/** Application status on the shared colour scale. */
export function statusTone(s: DraftStatus | string): 'ok' | 'pending' | 'failed' | 'draft' {
  return s === 'approved' ? 'ok' : s === 'pending' ? 'pending' : s === 'rejected' ? 'failed' : 'draft';
}

/**
 * The input an issue belongs to: the longest of `available` that is a prefix of the
 * issue's field path, trying `specs[0].skus[2]` → `specs[0].skus` → `specs[0]` → `specs`.
 */
export function nearestField(issueField: string, available: readonly string[]): string | null {
  let path = issueField;
  while (path) {
    if (available.includes(path)) return path;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) break;
    path = path.slice(0, cut);
  }
  return null;
}

/** "99.9" → 9990 minor units; null for anything that is not a plain amount with ≤ 2 decimals. */
export function parsePrice(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}

/** 9990 → "99.90". */
export function formatPrice(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export interface NewDraftChoice {
  key: string;
  productType: ProductType;
  flow?: 'standard' | 'website_building';
}

/** Every delivery type a seller can start a draft from. */
export const NEW_DRAFT_CHOICES: readonly NewDraftChoice[] = [
  { key: 'saas', productType: 'saas' },
  { key: 'saas_joint', productType: 'saas_joint' },
  { key: 'license', productType: 'license' },
  { key: 'image', productType: 'image' },
  { key: 'manual_service', productType: 'manual_service', flow: 'standard' },
  { key: 'website_building', productType: 'manual_service', flow: 'website_building' },
  { key: 'consulting', productType: 'consulting' },
  { key: 'hardware', productType: 'hardware' },
  { key: 'api', productType: 'api' },
];

/** Bytes as the seller reads them: "812 B", "196 KB", "4.8 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
