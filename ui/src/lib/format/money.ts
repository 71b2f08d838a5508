// Money in one shape everywhere a seller reads it: thousands separators and the
// currency code ("22,000.00 CNY"), on Orders, Cases, Bills, invoices and in tooltips.
// Orders showed "3,591.00" while Cases and Bills showed "22000.00", tables had no
// currency, and chart axes used 万 on one page and 35,000 on another. Amounts stay
// exact (minor units → decimal string → regrouped digits; no floating point), and chart
// axes use one unit choice: whole currency units, grouped, with the currency code named
// on the axis — never 万/K abbreviations, which read differently per language.
import { formatAmount } from '../i18n/format';
import type { Money } from '../worklist/types';
import { minorToAmount } from '../worklist/words';

/** 2200000, "CNY" → "22,000.00 CNY". */
export function formatMinor(minor: number, currency: string, locale: string): string {
  return formatAmount(minorToAmount(minor), currency, locale);
}

/** { minor: 2200000, currency: "CNY" } → "22,000.00 CNY". */
export function formatMoney(m: Money, locale: string): string {
  return formatMinor(m.minor, m.currency, locale);
}

/** A chart axis tick in whole currency units: 35000 → "35,000" (the axis names the currency). */
export function formatAxisAmount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Column totals per currency, in minor units, in first-seen order (a bill table's footer). */
export function totalsByCurrency<T>(rows: readonly T[], currency: (r: T) => string, amounts: Record<string, (r: T) => number>): { currency: string; sums: Record<string, number> }[] {
  const out: { currency: string; sums: Record<string, number> }[] = [];
  for (const r of rows) {
    const c = currency(r);
    let entry = out.find((e) => e.currency === c);
    if (!entry) {
      entry = { currency: c, sums: Object.fromEntries(Object.keys(amounts).map((k) => [k, 0])) };
      out.push(entry);
    }
    for (const [k, pick] of Object.entries(amounts)) entry.sums[k] += pick(r);
  }
  return out;
}
