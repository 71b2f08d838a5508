// How many drafts the table renders: the first hundred, then a hundred more each time
// the seller reaches the end (or asks).
//
// WHY: every rendered row costs WebKit memory that is not given back when the seller
// leaves the page; 1,000 rows cost about 150 MiB in the app window (measured with
// `cargo xtask bench app`'s data). A seller reads the first screen, searches or
// filters; the rest is one scroll away.
export const STEP = 100;

/** The next count after "show more": one step further, never past the total. */
export function more(shown: number, total: number, step = STEP): number {
  return Math.min(total, shown + step);
}

/** How many the next step adds, for the button's words (0 when all are shown). */
export function nextStep(shown: number, total: number, step = STEP): number {
  return Math.max(0, Math.min(step, total - shown));
}
