// A small loader for worklist screens: the latest answer wins, errors are kept in words.
import { backend, toAppError, type AppError } from '../backend';
import type { ArgsOf, CommandName, ResultOf } from '../backend/types';

export class Loader<C extends CommandName> {
  data = $state<ResultOf<C> | null>(null);
  error = $state<AppError | null>(null);
  loading = $state(false);
  #seq = 0;

  constructor(private readonly command: C) {}

  /** An answer the page already has (e.g. a command's result): it wins over any load
   *  still in flight, which would otherwise land later with older data. */
  set(value: ResultOf<C>): void {
    this.#seq++;
    this.data = value;
    this.error = null;
    this.loading = false;
  }

  async load(args: ArgsOf<C>): Promise<void> {
    const mine = ++this.#seq;
    this.loading = true;
    try {
      const result = await backend().call(this.command, args);
      if (mine === this.#seq) {
        this.data = result;
        this.error = null;
      }
    } catch (thrown) {
      if (mine === this.#seq) this.error = toAppError(thrown);
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  }
}

/** Runs a command; returns the result, or the error in words. */
export async function attempt<C extends CommandName>(
  command: C,
  args: ArgsOf<C>,
): Promise<{ ok: true; value: ResultOf<C> } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await backend().call(command, args) };
  } catch (thrown) {
    return { ok: false, error: toAppError(thrown) };
  }
}

/** A sync pass now (worklist pages open with fresh data); failures are left to the sync widget. */
export async function syncNow(accountId: number): Promise<void> {
  try {
    await backend().call('sync_now', { accountId });
  } catch {
    // The top bar's sync widget reports why.
  }
}
