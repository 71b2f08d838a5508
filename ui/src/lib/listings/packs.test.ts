import { describe, expect, it } from 'vitest';
import { useBackend, type Backend } from '../backend';
import { exportPack, importPack, packFolderName } from './packs';

/** A core that records each call and answers what `answers` says. */
function recordingCore(answers: Record<string, unknown>) {
  const calls: [string, unknown][] = [];
  const backend: Backend = {
    kind: 'tauri',
    call: async (name: string, args: unknown) => {
      calls.push([name, args]);
      if (answers[name] instanceof Error) throw answers[name];
      return answers[name];
    },
  } as Backend;
  return { backend, calls };
}


describe('draft packs through the native dialogs', () => {
  it('exports into the folder the seller named and says how many files went', async () => {
    const { backend, calls } = recordingCore({ export_draft_pack: { folder: '/home/s/Acme CRM (pack)', files: 3 } });
    useBackend(backend);
    const out = await exportPack(7, async () => '/home/s/Acme CRM (pack)');
    expect(calls).toEqual([['export_draft_pack', { id: 7, folder: '/home/s/Acme CRM (pack)' }]]);
    expect(out).toEqual({ kind: 'exported', folder: '/home/s/Acme CRM (pack)', files: 3 });
  });

  it('does nothing when the seller cancels either dialog', async () => {
    const { backend, calls } = recordingCore({});
    useBackend(backend);
    expect(await exportPack(7, async () => null)).toEqual({ kind: 'cancelled' });
    expect(await importPack(async () => null)).toEqual({ kind: 'cancelled' });
    expect(calls).toEqual([]);
  });

  it('imports the picked folder and passes the core refusal on in its words', async () => {
    const refusal = Object.assign(new Error("listing.toml: there is no such file; a pack folder holds listing.toml and assets/"), { code: 'invalid' });
    const { backend, calls } = recordingCore({ import_draft_pack: refusal });
    useBackend(backend);
    await expect(importPack(async () => '/home/s/Downloads')).rejects.toThrow(/listing.toml/);
    expect(calls).toEqual([['import_draft_pack', { folder: '/home/s/Downloads' }]]);
  });

  it('suggests a pack folder named after the draft, without characters folders refuse', () => {
    expect(packFolderName('Acme CRM: Pro/Max')).toBe('Acme CRM Pro Max (pack)');
    expect(packFolderName('..')).toBe('draft (pack)');
  });
});
