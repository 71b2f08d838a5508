// Each page's code is fetched the first time the seller opens it, not at start.
//
// WHY: the start budget (`cargo xtask bench app`) counts from launch to the dashboard's
// figures, and WebKit parses every byte of the entry bundle before the first paint.
// The dashboard, the first thing a seller sees, stays in the entry bundle; the other
// eight pages (bills, listings with the draft editor, the SaaS workbench…) are chunks
// loaded on first visit from the app's own files (Tauri's protocol or loopback), so a
// visit costs a few milliseconds once and nothing after (the promise is kept).
import type { Component } from 'svelte';
import type { Page } from '../router.svelte';

type Loader = () => Promise<{ default: Component }>;

const loaders: Record<Exclude<Page, 'dashboard'>, Loader> = {
  listings: () => import('../../pages/Listings.svelte'),
  orders: () => import('../../pages/Orders.svelte'),
  cases: () => import('../../pages/Cases.svelte'),
  bills: () => import('../../pages/Bills.svelte'),
  invoices: () => import('../../pages/Invoices.svelte'),
  contacts: () => import('../../pages/Contacts.svelte'),
  saas: () => import('../../pages/Saas.svelte'),
  settings: () => import('../../pages/Settings.svelte'),
};

const loaded = new Map<Page, Promise<Component>>();

/** The page's component, fetched once; a failed fetch is forgotten so a retry fetches again. */
export function pageComponent(page: Exclude<Page, 'dashboard'>): Promise<Component> {
  let found = loaded.get(page);
  if (!found) {
    found = loaders[page]().then((m) => m.default);
    found.catch(() => loaded.delete(page));
    loaded.set(page, found);
  }
  return found;
}
