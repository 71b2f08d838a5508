// Settings' "Check for updates": what the seller sees, from asking to ready-to-restart.
//
// WHY the updater is passed in: the flow (which state follows which, what an error
// means in words) is tested with a fake in Vitest; the window passes Tauri's updater
// plugin (./plugin.ts). The plugin checks the signature of the downloaded bytes against
// the public key the build trusts, so "ready" always means "downloaded and verified".

/** An update the server offers; `download` verifies its signature before resolving. */
export interface Offer {
  version: string;
  date?: string;
  body?: string;
  download(onEvent: (event: DownloadEvent) => void): Promise<void>;
  install(): Promise<void>;
}

export type DownloadEvent =
  | { event: 'Started'; data: { contentLength?: number } }
  | { event: 'Progress'; data: { chunkLength: number } }
  | { event: 'Finished' };

export interface Updater {
  check(): Promise<Offer | null>;
  restart(): Promise<void>;
}

/** Why an update step failed, as the seller needs to know it. */
export type Failure = 'unconfigured' | 'signature' | 'network' | 'install' | 'other';

export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'current' }
  | { kind: 'available'; version: string; date?: string; notes: string }
  | { kind: 'downloading'; version: string; received: number; total: number | null }
  | { kind: 'ready'; version: string }
  | { kind: 'installing'; version: string }
  | { kind: 'failed'; failure: Failure; detail: string };

/** Names what went wrong from the plugin's message (it has no codes). */
export function failureOf(message: string, step: 'check' | 'download' | 'install'): Failure {
  const m = message.toLowerCase();
  if (m.includes('does not have any endpoints') || m.includes('pubkey')) return 'unconfigured';
  if (m.includes('signature') || m.includes('minisign') || m.includes('different key')) return 'signature';
  if (/request|connect|network|dns|timed? ?out|status code|release json|fetch/.test(m)) return 'network';
  return step === 'install' ? 'install' : 'other';
}

function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return typeof thrown === 'string' ? thrown : JSON.stringify(thrown);
}

export class UpdateFlow {
  state = $state<UpdateState>({ kind: 'idle' });
  #offer: Offer | null = null;

  constructor(private readonly updater: Updater) {}

  get busy(): boolean {
    return ['checking', 'downloading', 'installing'].includes(this.state.kind);
  }

  async check(): Promise<void> {
    this.state = { kind: 'checking' };
    try {
      this.#offer = await this.updater.check();
      const o = this.#offer;
      this.state = o ? { kind: 'available', version: o.version, date: o.date, notes: o.body ?? '' } : { kind: 'current' };
    } catch (thrown) {
      const detail = messageOf(thrown);
      this.state = { kind: 'failed', failure: failureOf(detail, 'check'), detail };
    }
  }

  /** Downloads the offered version; its signature is verified before this resolves. */
  async download(): Promise<void> {
    const offer = this.#offer;
    if (!offer) return;
    this.state = { kind: 'downloading', version: offer.version, received: 0, total: null };
    try {
      await offer.download((e) => {
        if (this.state.kind !== 'downloading') return;
        if (e.event === 'Started') this.state = { ...this.state, total: e.data.contentLength ?? null };
        else if (e.event === 'Progress') this.state = { ...this.state, received: this.state.received + e.data.chunkLength };
      });
      this.state = { kind: 'ready', version: offer.version };
    } catch (thrown) {
      const detail = messageOf(thrown);
      this.state = { kind: 'failed', failure: failureOf(detail, 'download'), detail };
    }
  }

  /** Installs the verified download and restarts into it. */
  async installAndRestart(): Promise<void> {
    const offer = this.#offer;
    if (!offer || this.state.kind !== 'ready') return;
    this.state = { kind: 'installing', version: offer.version };
    try {
      await offer.install();
      await this.updater.restart();
    } catch (thrown) {
      const detail = messageOf(thrown);
      this.state = { kind: 'failed', failure: failureOf(detail, 'install'), detail };
    }
  }
}

/** Share of the download done, 0–1, or null while the size is unknown. */
export function progressOf(state: UpdateState): number | null {
  if (state.kind !== 'downloading' || !state.total) return null;
  return Math.min(1, state.received / state.total);
}
