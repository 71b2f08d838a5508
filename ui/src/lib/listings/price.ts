// Prices as the seller types them ("99.9") ↔ the exact integer minor units the draft
// stores (9990). No floating point anywhere: the text is split and the digits counted.

/** Twelve integer digits keep every amount far below Number.MAX_SAFE_INTEGER. */
const AMOUNT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * "99.9" → 9990, "0.07" → 7, "1200" → 120000. Null for anything else: grouping
 * separators ("1,000"), more than two decimals ("0.001"), signs, exponents, symbols.
 */
export function parsePrice(text: string): number | null {
  const m = AMOUNT.exec(text.trim());
  if (!m) return null;
  const cents = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

/** 9990 → "99.90"; -5 → "-0.05". */
export function formatPrice(minor: number): string {
  if (!Number.isSafeInteger(minor)) return '';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whether the text already shows `minor` (so a re-render must not rewrite what is typed). */
export function showsPrice(text: string, minor: number): boolean {
  return parsePrice(text) === minor;
}
