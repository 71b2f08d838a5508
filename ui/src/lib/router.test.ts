import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.svelte';

describe('hash routes', () => {
  it('read the page and its filter', () => {
    const r = parseHash('#/orders?type=NEW');
    expect(r.page).toBe('orders');
    expect(r.params.get('type')).toBe('NEW');
  });

  it('send anything unknown to the dashboard', () => {
    expect(parseHash('').page).toBe('dashboard');
    expect(parseHash('#/nope').page).toBe('dashboard');
  });

  it('build links that parse back', () => {
    expect(href('orders', { type: 'RENEW' })).toBe('#/orders?type=RENEW');
    expect(parseHash(href('settings')).page).toBe('settings');
  });
});
