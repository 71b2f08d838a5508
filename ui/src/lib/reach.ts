// How each kind of object reaches KooGallery — the single source for the Settings table
// and for the note each screen shows about itself, so the two cannot drift apart (the
// table once said "Later version" for drafts, bills, invoices and cases, which all worked,
// and "console exports imported" for invoices and cases, which cannot be imported).
// The truth is README's "What reaches the live KooGallery, honestly": only orders have a
// public Open API; bills also cross the console bridge (exports imported, views exported);
// drafts leave as draft packs for the Seller Center forms; cases, invoices and contacts
// reach only a Seller Sync API server (today the bundled sandbox).
import type { MessageKey } from './i18n/index.svelte';
import type { Page } from './router.svelte';

/** One way an object travels. */
export type ReachRoute =
  | 'openApi' // KooGallery's public Open API, AK/SK-signed
  | 'sellerSync' // Gallerist's Seller Sync API — only a server that implements it (the sandbox)
  | 'consoleImport' // the Seller Console's exports, imported
  | 'fileExport' // CSV/XLSX of every view, for the seller's own books
  | 'draftPack' // listing.toml + assets/, for the Seller Center forms
  | 'ownServer'; // Gallerist calls the seller's own server the way KooGallery does

/** What a live (non-sandbox) account gets, in one word. */
export type ReachStatus = 'live' | 'bridge' | 'sandbox' | 'ownServer';

export type ReachObject = 'orders' | 'drafts' | 'bills' | 'invoices' | 'cases' | 'contacts' | 'produce';

export interface Reach {
  object: ReachObject;
  /** The screen where the seller works this object. */
  page: Page;
  status: ReachStatus;
  routes: readonly ReachRoute[];
}

export const REACH: readonly Reach[] = [
  { object: 'orders', page: 'orders', status: 'live', routes: ['openApi'] },
  { object: 'drafts', page: 'listings', status: 'bridge', routes: ['draftPack', 'sellerSync'] },
  { object: 'bills', page: 'bills', status: 'bridge', routes: ['consoleImport', 'fileExport', 'sellerSync'] },
  { object: 'invoices', page: 'invoices', status: 'sandbox', routes: ['sellerSync'] },
  { object: 'cases', page: 'cases', status: 'sandbox', routes: ['sellerSync'] },
  { object: 'contacts', page: 'contacts', status: 'sandbox', routes: ['sellerSync'] },
  { object: 'produce', page: 'saas', status: 'ownServer', routes: ['ownServer'] },
];

export function reachOf(object: ReachObject): Reach {
  const r = REACH.find((x) => x.object === object);
  if (!r) throw new Error(`no reach entry for ${object}`);
  return r;
}

/** The object a page works, if the page has one. */
export function reachOfPage(page: Page): Reach | undefined {
  return REACH.find((x) => x.page === page);
}

export const objectKey = (o: ReachObject) => `reach.object.${o}` as MessageKey;
export const routeKey = (r: ReachRoute) => `reach.route.${r}` as MessageKey;
export const statusKey = (s: ReachStatus) => `reach.status.${s}` as MessageKey;

/** The StatusChip tone: green only for the public API; the bridge works but by hand. */
export function statusTone(s: ReachStatus): 'ok' | 'pending' | 'attention' | 'draft' {
  switch (s) {
    case 'live':
      return 'ok';
    case 'bridge':
      return 'pending';
    case 'sandbox':
      return 'attention';
    default:
      return 'draft';
  }
}
