// Live progress of "Run checks": the page names its run with a token, starts
// produce_check and polls produce_progress until the run answers. A command answers
// once, over Tauri IPC and web mode alike, so polling is the one way that works in
// both. Pure, so Vitest checks the token's form and how a poll's answer is shown.
import type { Check, CheckArgs, RunView } from './types';

/** How often the page asks for the checks finished so far. */
export const POLL_MS = 300;

/** "run-" and the bytes in hex: only letters, digits and '-', as the core requires. */
export function progressToken(bytes: Uint8Array): string {
  return `run-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Whether a poll's list should replace the one shown: only a longer one does, so an
 * answer that arrives late (after a newer one) never takes checks away.
 */
export function isNewer(shown: readonly Check[] | null, got: readonly Check[]): boolean {
  return got.length > (shown?.length ?? 0);
}

/**
 * The checks so far, shaped as a run so the results table can show them: not stored
 * yet (run id 0), nothing to compare, and no counts beyond what has finished.
 */
export function liveView(checks: Check[], args: CheckArgs, startedAt: string, now: string): RunView {
  const count = (v: Check['verdict']) => checks.filter((c) => c.verdict === v).length;
  return {
    runId: 0,
    run: {
      id: 0,
      accountId: args.accountId ?? null,
      url: args.url,
      version: args.version,
      mode: args.mode,
      kit: args.kit,
      startedAt,
      finishedAt: now,
      passed: count('pass'),
      warned: count('warn'),
      failed: count('fail'),
    },
    checks,
    changes: null,
  };
}
