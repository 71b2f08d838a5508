// The SaaS page per product: how a picked product fills the endpoint form, and what
// "Run checks" saves for it first. A product with saved settings brings them back
// whole; one without starts from a clean form with what its orders and listing
// suggest (charging mode, joint operation), so the previous product's URL is never
// saved under the next one by accident. Pure, so Vitest checks each move.
import type { MessageKey } from '../i18n/index.svelte';
import { blankEndpoint, type Endpoint } from './endpoint';
import type { ProductSource, SaasProduct, SaveEndpointArgs, SavedEndpoint } from './types';

/** The form for a product just picked; `accountId` is whose products these are. */
export function endpointFor(product: SaasProduct, accountId: number | null): Endpoint {
  const saved = product.endpoint;
  if (saved) {
    return {
      url: saved.url,
      version: saved.version,
      mode: saved.mode,
      kit: saved.kit,
      publicKeyPem: saved.publicKeyPem ?? '',
      accountId: saved.accountId,
    };
  }
  const blank = blankEndpoint(accountId);
  return { ...blank, mode: product.mode ?? blank.mode, kit: product.kit };
}

/** What "Run checks" saves for the product before it runs. */
export function saveArgs(product: SaasProduct, e: Endpoint, accountId: number): SaveEndpointArgs {
  const args: SaveEndpointArgs = {
    accountId,
    productId: product.productId,
    productName: product.name,
    url: e.url.trim(),
    version: e.version,
    mode: e.mode,
    kit: e.kit,
  };
  if (e.publicKeyPem.trim() !== '') args.publicKeyPem = e.publicKeyPem;
  return args;
}

/** The list with one product's settings replaced by what was just saved. */
export function withSaved(products: readonly SaasProduct[], saved: SavedEndpoint): SaasProduct[] {
  return products.map((p) => (p.productId === saved.productId ? { ...p, endpoint: saved } : p));
}

/** Whether the form differs from the product's saved settings (a run will save it). */
export function unsaved(product: SaasProduct, e: Endpoint): boolean {
  const s = product.endpoint;
  if (!s) return e.url.trim() !== '';
  return s.url !== e.url.trim() || s.version !== e.version || s.mode !== e.mode || s.kit !== e.kit || (s.publicKeyPem ?? '') !== e.publicKeyPem.trim();
}

export const SOURCE_LABEL: Record<ProductSource, MessageKey> = {
  listing: 'saas.product.source.listing',
  draft: 'saas.product.source.draft',
  orders: 'saas.product.source.orders',
  saved: 'saas.product.source.saved',
};
