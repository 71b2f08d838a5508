// A "now" that moves: countdowns on the worklist screens re-render every 30 seconds
// without reloading anything. The ticker starts on first use in a browser.
const tick = $state({ now: Date.now() });
let started = false;

/** Milliseconds since the epoch, refreshed every 30 s while the app runs. */
export function now(): number {
  if (!started && typeof window !== 'undefined') {
    started = true;
    setInterval(() => (tick.now = Date.now()), 30_000);
  }
  return tick.now;
}
