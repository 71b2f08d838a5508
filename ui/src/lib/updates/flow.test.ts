import { describe, expect, it } from 'vitest';
import { failureOf, progressOf, UpdateFlow, type DownloadEvent, type Offer, type Updater } from './flow.svelte';

/** An updater offering `offer`, whose download the test steps through by hand. */
function offering(offer: Partial<Offer> | null, restarts: string[] = []): Updater {
  return {
    check: async () =>
      offer && {
        version: '9.9.9',
        body: 'Faster bill import.',
        date: '2026-12-01T08:00:00Z',
        download: async () => {},
        install: async () => {},
        ...offer,
      },
    restart: async () => {
      restarts.push('restart');
    },
  };
}

describe('UpdateFlow', () => {
  it('shows a newer version with its notes, a moving progress bar, then ready to restart', async () => {
    let emit: (e: DownloadEvent) => void = () => {};
    let finish: () => void = () => {};
    const restarts: string[] = [];
    const flow = new UpdateFlow(
      offering(
        {
          download: (onEvent) =>
            new Promise<void>((resolve) => {
              emit = onEvent;
              finish = resolve;
            }),
        },
        restarts,
      ),
    );
    await flow.check();
    expect(flow.state).toMatchObject({ kind: 'available', version: '9.9.9', notes: 'Faster bill import.' });

    const downloading = flow.download();
    emit({ event: 'Started', data: { contentLength: 4_000 } });
    emit({ event: 'Progress', data: { chunkLength: 1_000 } });
    emit({ event: 'Progress', data: { chunkLength: 1_000 } });
    expect(flow.state.kind).toBe('downloading');
    expect(progressOf(flow.state)).toBe(0.5);
    expect(flow.busy).toBe(true);
    finish();
    await downloading;
    expect(flow.state).toEqual({ kind: 'ready', version: '9.9.9' });

    await flow.installAndRestart();
    expect(restarts).toEqual(['restart']);
  });

  it('says the version is current when nothing newer is offered', async () => {
    const flow = new UpdateFlow(offering(null));
    await flow.check();
    expect(flow.state.kind).toBe('current');
  });

  it('refuses a download whose signature does not verify, and never offers to install it', async () => {
    const restarts: string[] = [];
    const flow = new UpdateFlow(
      offering({ download: async () => Promise.reject('The signature verification failed') }, restarts),
    );
    await flow.check();
    await flow.download();
    expect(flow.state).toMatchObject({ kind: 'failed', failure: 'signature' });
    await flow.installAndRestart();
    expect(restarts).toEqual([]);
  });

  it('tells a build from source apart from a network problem', async () => {
    const noAddress = new UpdateFlow({
      check: async () => Promise.reject(new Error('Updater does not have any endpoints set.')),
      restart: async () => {},
    });
    await noAddress.check();
    expect(noAddress.state).toMatchObject({ kind: 'failed', failure: 'unconfigured' });

    expect(failureOf('Could not fetch a valid release JSON from the remote', 'check')).toBe('network');
    expect(failureOf('error sending request for url (http://127.0.0.1:9/latest.json)', 'check')).toBe('network');
    expect(failureOf('Failed to install .deb package', 'install')).toBe('install');
  });
});
