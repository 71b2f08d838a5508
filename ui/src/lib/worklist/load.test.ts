import { describe, expect, it } from 'vitest';
import { useBackend, type Backend } from '../backend';
import { Loader } from './load.svelte';

/** A core whose answers the test releases by hand, in any order. */
function heldCore() {
  const pending: { resolve: (v: unknown) => void }[] = [];
  const backend: Backend = {
    kind: 'http',
    call: () => new Promise((resolve) => pending.push({ resolve: resolve as (v: unknown) => void })),
  };
  return { backend, pending };
}

describe('Loader', () => {
  it('keeps an answer the page set over an older load that lands after it', async () => {
    // The bill page asks for the bill, then the seller requests its fee invoice: the
    // request's answer (with the request waiting to send) must not be replaced by the
    // first load's older bill arriving late, or the page forgets the request.
    const { backend, pending } = heldCore();
    useBackend(backend);
    const bill = new Loader('get_case');
    const first = bill.load({ accountId: 1, caseId: 'C-1' } as never);
    bill.set({ caseId: 'C-1', fresh: true } as never);
    pending[0].resolve({ caseId: 'C-1', fresh: false });
    await first;
    expect(bill.data).toEqual({ caseId: 'C-1', fresh: true });
  });

  it('still lets a later load replace what was set', async () => {
    const { backend, pending } = heldCore();
    useBackend(backend);
    const view = new Loader('get_case');
    view.set({ n: 1 } as never);
    const next = view.load({ accountId: 1, caseId: 'C-1' } as never);
    pending[0].resolve({ n: 2 });
    await next;
    expect(view.data).toEqual({ n: 2 });
    expect(view.loading).toBe(false);
  });
});
