// Windowing for long tables: which rows are on screen and which pages to fetch, so a
// bill of 100,000 lines renders a few dozen rows and asks the core only for those.

export interface Window {
  /** First row index rendered (inclusive). */
  first: number;
  /** Last row index rendered (exclusive). */
  end: number;
}

/** The rows to render for a scroll position, with `overscan` rows either side. */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): Window {
  if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const shown = Math.ceil(Math.max(viewport, 0) / rowHeight) + 1;
  const first = Math.max(0, Math.min(top, total - 1) - overscan);
  const end = Math.min(total, top + shown + overscan);
  return { first, end: Math.max(first, end) };
}

/** The page numbers (of `pageSize` rows) covering rows `first`..`end`. */
export function pagesFor(win: Window, pageSize: number): number[] {
  if (win.end <= win.first) return [];
  const from = Math.floor(win.first / pageSize);
  const to = Math.floor((win.end - 1) / pageSize);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
