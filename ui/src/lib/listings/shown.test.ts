import { describe, expect, it } from 'vitest';
import { more, nextStep, STEP } from './shown';

describe('drafts shown a hundred at a time', () => {
  it('grows by one step and stops at the total', () => {
    expect(more(STEP, 1000)).toBe(200);
    expect(more(900, 1000)).toBe(1000);
    expect(more(1000, 1000)).toBe(1000);
  });
  it('says how many the next step adds', () => {
    expect(nextStep(100, 1000)).toBe(100);
    expect(nextStep(100, 130)).toBe(30);
    expect(nextStep(130, 130)).toBe(0);
  });
});
