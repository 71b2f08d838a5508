import { describe, expect, it } from 'vitest';
import { pagesFor, visibleRows } from './virtual';

describe('visibleRows', () => {
  it('renders only the screenful plus overscan of a 100,000-row table', () => {
    const w = visibleRows(340_000, 440, 34, 100_000, 8);
    expect(w.first, 'row 10,000 is at the top after scrolling 340,000 px; 8 rows of overscan above').toBe(9_992);
    expect(w.end - w.first, 'about 14 rows fit in 440 px, plus 16 of overscan').toBeLessThanOrEqual(31);
  });

  it('stays inside the table at both ends', () => {
    expect(visibleRows(0, 440, 34, 5), 'a short table renders all its rows').toEqual({ first: 0, end: 5 });
    const bottom = visibleRows(10_000_000, 440, 34, 100);
    expect(bottom.end, 'scrolling past the end still ends at the last row').toBe(100);
    expect(bottom.first, 'and starts inside the table').toBeLessThan(100);
    expect(visibleRows(0, 440, 34, 0), 'an empty table renders nothing').toEqual({ first: 0, end: 0 });
  });
});

describe('pagesFor', () => {
  it('asks for the pages the window touches, once each', () => {
    expect(pagesFor({ first: 190, end: 215 }, 200), 'a window across a page boundary needs both pages').toEqual([0, 1]);
    expect(pagesFor({ first: 400, end: 420 }, 200), 'a window inside one page needs one').toEqual([2]);
    expect(pagesFor({ first: 0, end: 0 }, 200), 'an empty window needs none').toEqual([]);
  });
});
