// The contacts form's shape: every role present (an absent one is a problem to show
// under its own fields, not a missing fieldset), blank phones sent as "none", a
// working-week default for reception, and the problem fields the page places.
import type { ContactRole, ContactSettings, Reception } from './types';

export const CONTACT_ROLES: readonly ContactRole[] = ['business', 'finance', 'customer_service', 'after_sales'];

/** Problem fields shown under a field of the page; anything else is listed near Save. */
export const KNOWN_FIELDS: readonly string[] = [
  ...CONTACT_ROLES.flatMap((r) => [`contacts.${r}`, `contacts.${r}.name`, `contacts.${r}.email`, `contacts.${r}.phone`]),
  'pre_sales.extension',
  'pre_sales.bound_phone',
  'pre_sales.reception.days',
  'pre_sales.reception.hours',
  'tickets.days',
  'tickets.hours',
];

/** Monday to Friday, 09:00–18:00 (UTC+8): what a new reception starts from (≥ 5 × 8). */
export function workingWeek(): Reception {
  return { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], from: '09:00:00', to: '18:00:00' };
}

/** The settings with one entry per role, in the page's order (missing roles blank). */
export function withAllRoles(settings: ContactSettings): ContactSettings {
  const contacts = CONTACT_ROLES.map(
    (role) => settings.contacts.find((c) => c.role === role) ?? { role, name: '', email: '', phone: null },
  );
  const extra = settings.contacts.filter((c) => !CONTACT_ROLES.includes(c.role));
  return { ...settings, contacts: [...contacts, ...extra] };
}

/** As sent to the core: a blank phone is no phone. */
export function normalized(settings: ContactSettings): ContactSettings {
  return {
    ...settings,
    contacts: settings.contacts.map((c) => ({ ...c, phone: c.phone?.trim() ? c.phone : null })),
  };
}
