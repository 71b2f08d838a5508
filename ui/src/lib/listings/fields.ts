// Pure helpers of the Listings screens: status colours, the product types a draft
// can start from, the delivery facts of a draft, and numbers as the seller types them.
import type { Delivery, DraftStatus, ProductType, ServiceFlow } from '../backend/types';

export const PRODUCT_TYPES: readonly ProductType[] = [
  'saas',
  'saas_joint',
  'license',
  'image',
  'manual_service',
  'consulting',
  'hardware',
  'api',
];

export const DRAFT_STATUSES: readonly DraftStatus[] = ['draft', 'pending', 'approved', 'rejected'];

/** Application status on the shared colour scale. */
export function statusTone(s: DraftStatus | string): 'ok' | 'pending' | 'failed' | 'draft' {
  return s === 'approved' ? 'ok' : s === 'pending' ? 'pending' : s === 'rejected' ? 'failed' : 'draft';
}

export interface NewDraftChoice {
  /** Catalog key suffix (`newDraft.<key>`) and the menu value. */
  key: string;
  productType: ProductType;
  flow?: ServiceFlow;
}

/** Every delivery type a seller can start a draft from, manual service in both flows. */
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

export type DeliveryKind = 'saas' | 'license' | 'image' | 'manual_service' | 'consulting' | 'hardware' | 'api';

/** The variant of a draft's delivery (`{ saas: {...} }` → `saas`, `"image"` → `image`). */
export function deliveryKind(delivery: Delivery): DeliveryKind {
  return (typeof delivery === 'string' ? delivery : Object.keys(delivery)[0]) as DeliveryKind;
}

/** Bytes as the seller reads them: "812 B", "196 KB", "4.8 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A whole number typed into a small field: the number when it is digits within
 * [min, max], null for an empty field when `nullable`, undefined when it is not valid.
 */
export function parseWhole(text: string, min: number, max: number, nullable = false): number | null | undefined {
  const t = text.trim();
  if (t === '') return nullable ? null : undefined;
  if (!/^\d{1,9}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** Splits "a, b，c、d" into trimmed non-empty values (ASCII and CJK commas). */
export function splitValues(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((v) => v.trim())
    .filter(Boolean);
}
