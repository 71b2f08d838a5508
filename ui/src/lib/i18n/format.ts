// Locale-aware formatting that never routes money through floating point.
// Amounts arrive as exact decimal strings ("1234.50"); we only regroup digits.

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

interface Separators {
  group: string;
  decimal: string;
}

const separatorCache = new Map<string, Separators>();

function separators(locale: string): Separators {
  let found = separatorCache.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    found = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    separatorCache.set(locale, found);
  }
  return found;
}

/** Minor-unit digits of an ISO currency (2 for CNY and USD), from Intl. */
function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().minimumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

export interface AmountParts {
  /** "-" for a negative amount, otherwise "". */
  sign: string;
  /** The number with grouping and the locale's decimal mark, without sign or currency. */
  digits: string;
  currency: string;
  /** Whether the input was a well-formed decimal string. */
  valid: boolean;
}

/**
 * Splits an exact decimal string into display parts: the integer part grouped in
 * threes with the locale's separator, the fraction padded to the currency's minor
 * digits but never cut (so no value is ever rounded away).
 */
export function amountParts(amount: string, currency: string, locale: string): AmountParts {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return { sign: '', digits: amount, currency, valid: false };
  const [, signChar, intRaw, fracRaw = ''] = m;
  const { group, decimal } = separators(locale);
  const integer = intRaw.replace(/^0+(?=\d)/, '');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = fracRaw.padEnd(Math.max(fracRaw.length, minorDigits(currency)), '0');
  const isZero = /^0*$/.test(integer + fracRaw);
  return {
    sign: signChar === '-' && !isZero ? '-' : '',
    digits: fraction ? `${grouped}${decimal}${fraction}` : grouped,
    currency,
    valid: true,
  };
}

/** "1234567.5", "CNY", "en" → "1,234,567.50 CNY". */
export function formatAmount(amount: string, currency: string, locale: string): string {
  const p = amountParts(amount, currency, locale);
  return `${p.sign}${p.digits} ${p.currency}`;
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Short axis ticks for charts ("12K", "1.2万"); tooltips always show exact amounts. */
export function formatCompact(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** RFC 3339 → date and time in the seller's locale (this computer's zone unless given). */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(d);
}

/** RFC 3339 → "12:03" on today's date, else date and time (for "Saved 12:03"). */
export function formatSavedTime(iso: string, locale: string, now: Date = new Date(), timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = (x: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(x);
  if (day(d) !== day(now)) return formatDateTime(iso, locale, timeZone);
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
}

export function formatDate(iso: string, locale: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(d);
}

/**
 * "2026-01" (a calendar month already computed in UTC+8 by the core) → "Jan 2026" /
 * "2026年1月". Formatted in UTC so no time zone shifts the month.
 */
export function formatMonth(month: string, locale: string, style: 'short' | 'long' = 'long'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    year: style === 'short' ? '2-digit' : 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(date);
}
