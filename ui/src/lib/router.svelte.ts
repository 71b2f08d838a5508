// Hash routes (#/orders?type=NEW): they survive a reload, need no server
// support, and work the same under Tauri's custom protocol and in web mode.

export type Page = 'dashboard' | 'listings' | 'orders' | 'cases' | 'bills' | 'invoices' | 'contacts' | 'saas' | 'settings';

export const PAGES: readonly Page[] = ['dashboard', 'listings', 'orders', 'cases', 'bills', 'invoices', 'contacts', 'saas', 'settings'];

export interface Route {
  page: Page;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path, query = ''] = body.split('?', 2);
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'dashboard';
  return { page, params: new URLSearchParams(query) };
}

export function href(page: Page, params?: Record<string, string>): string {
  const q = params ? new URLSearchParams(params).toString() : '';
  return `#/${page}${q ? `?${q}` : ''}`;
}

const state = $state<{ route: Route }>({
  route: parseHash(typeof location !== 'undefined' ? location.hash : ''),
});

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    state.route = parseHash(location.hash);
  });
}

export function route(): Route {
  return state.route;
}

export function go(page: Page, params?: Record<string, string>): void {
  location.hash = href(page, params);
}
