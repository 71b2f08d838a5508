import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from './autosave';

describe('Autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after typing stops, with the last value', async () => {
    const saved: string[] = [];
    const a = new Autosave<string>(async (v) => void saved.push(v));
    a.schedule('A');
    a.schedule('Ac');
    a.schedule('Acme');
    await vi.advanceTimersByTimeAsync(399);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['Acme']);
    expect(a.state).toBe('saved');
  });

  it('never overlaps saves and saves a change made during a save right after it', async () => {
    const saved: string[] = [];
    let release!: () => void;
    const a = new Autosave<string>(
      (v) =>
        new Promise<void>((resolve) => {
          saved.push(v);
          release = resolve;
        }),
    );
    a.schedule('one');
    await vi.advanceTimersByTimeAsync(400);
    a.schedule('two');
    const flushing = a.flush();
    expect(saved).toEqual(['one']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushing;
    expect(saved).toEqual(['one', 'two']);
  });

  it('keeps a failed value so nothing typed is lost and a retry sends it', async () => {
    let fail = true;
    const saved: string[] = [];
    const a = new Autosave<string>(async (v) => {
      if (fail) throw new Error('offline');
      saved.push(v);
    });
    a.schedule('keep me');
    await a.flush();
    expect(a.state).toBe('failed');
    expect(a.dirty).toBe(true);
    fail = false;
    await a.flush();
    expect(saved).toEqual(['keep me']);
    expect(a.state).toBe('saved');
  });

  it('forgets a waiting value when the seller takes the saved version', async () => {
    const saved: string[] = [];
    const a = new Autosave<string>(async (v) => void saved.push(v));
    a.schedule('mine');
    a.discard();
    await vi.advanceTimersByTimeAsync(1000);
    await a.flush();
    expect(saved).toEqual([]);
    expect(a.state).toBe('saved');
    expect(a.dirty).toBe(false);
  });

  it('reports every state change in order', async () => {
    const states: string[] = [];
    const a = new Autosave<string>(async () => {}, (s) => states.push(s));
    a.schedule('x');
    await vi.advanceTimersByTimeAsync(400);
    expect(states).toEqual(['pending', 'saving', 'saved']);
  });
});
