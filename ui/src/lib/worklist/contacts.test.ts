import { describe, expect, it } from 'vitest';
import { KNOWN_FIELDS, normalized, withAllRoles, workingWeek } from './contacts';
import type { ContactSettings } from './types';

const settings: ContactSettings = {
  contacts: [
    { role: 'finance', name: '李娜', email: 'finance@demo.example', phone: '   ' },
    { role: 'business', name: '王磊', email: 'bd@demo.example', phone: '13800138000' },
  ],
  pre_sales: null,
  tickets: null,
};

describe('contacts form', () => {
  it('shows every role, in a fixed order, keeping what was there', () => {
    const all = withAllRoles(settings);
    expect(all.contacts.map((c) => c.role)).toEqual(['business', 'finance', 'customer_service', 'after_sales']);
    expect(all.contacts[1].name, 'an existing role keeps its values').toBe('李娜');
    expect(all.contacts[3], 'a missing role starts blank').toEqual({ role: 'after_sales', name: '', email: '', phone: null });
  });

  it('sends a blank phone as no phone', () => {
    const sent = normalized(settings);
    expect(sent.contacts[0].phone).toBeNull();
    expect(sent.contacts[1].phone).toBe('13800138000');
  });

  it('starts reception at five days of nine hours, which meets 5 × 8', () => {
    const week = workingWeek();
    expect(week.days).toHaveLength(5);
    expect([week.from, week.to]).toEqual(['09:00:00', '18:00:00']);
  });

  it('places every problem field the core names under a field of the page', () => {
    for (const f of ['contacts.finance.phone', 'contacts.after_sales', 'pre_sales.bound_phone', 'tickets.hours', 'pre_sales.reception.days']) {
      expect(KNOWN_FIELDS, f).toContain(f);
    }
  });
});
