// Autosave for the draft editor: a change is saved ~400 ms after typing stops, saves
// never overlap (a change made while one is in flight is saved right after it), and
// `flush()` saves at once — on leaving the page or hiding the window — so nothing typed
// waits on a timer that may never fire.

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

export class Autosave<T> {
  state: SaveState = 'saved';
  error: unknown = null;
  private next: T | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly onChange: (state: SaveState) => void = () => {},
    private readonly delayMs = 400,
  ) {}

  /** Records a change; it is saved after the quiet period. */
  schedule(value: T): void {
    this.next = value;
    this.set('pending');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves what is waiting now (and whatever arrives while that save runs). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.running) {
      await this.running;
      if (this.next !== null) return this.flush();
      return;
    }
    if (this.next === null) return;
    const value = this.next;
    this.next = null;
    this.set('saving');
    this.running = this.save(value).then(
      () => {
        this.error = null;
        this.set(this.next === null ? 'saved' : 'pending');
      },
      (err: unknown) => {
        // Keep the unsaved value unless a newer one replaced it meanwhile.
        this.next ??= value;
        this.error = err;
        this.set('failed');
      },
    );
    await this.running;
    this.running = null;
    if (this.next !== null && this.state !== 'failed') await this.flush();
  }

  /** Whether something typed has not reached the disk yet. */
  get dirty(): boolean {
    return this.next !== null || this.state === 'saving';
  }

  /** Forgets what waits (the seller chose the saved version over it). */
  discard(): void {
    clearTimeout(this.timer);
    this.next = null;
    this.error = null;
    if (!this.running) this.set('saved');
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private set(state: SaveState): void {
    this.state = state;
    this.onChange(state);
  }
}
