import { describe, expect, it } from 'vitest';
import { useBackend, type Backend } from '../backend';
import { formatOfPath, saveExportAs } from './download';

function recordingCore() {
  const calls: [string, unknown][] = [];
  const backend = {
    kind: 'tauri',
    call: async (name: string, args: unknown) => {
      calls.push([name, args]);
      return { fileName: 'November.xlsx', mime: '', base64: '', rows: 4, savedTo: '/home/s/November.xlsx' };
    },
  } as unknown as Backend;
  return { backend, calls };
}

describe('Save as… for a settlement view', () => {
  it('saves where the seller chose, in the format the chosen name asks for', async () => {
    const { backend, calls } = recordingCore();
    useBackend(backend);
    const out = await saveExportAs({ accountId: 1, view: 'bills' }, async () => '/home/s/November.xlsx');
    expect(calls).toEqual([
      ['export_view', { accountId: 1, view: 'bills', format: 'xlsx', saveTo: '/home/s/November.xlsx' }],
    ]);
    expect(out?.savedTo).toBe('/home/s/November.xlsx');
  });

  it('asks the core for nothing when the seller cancels', async () => {
    const { backend, calls } = recordingCore();
    useBackend(backend);
    expect(await saveExportAs({ accountId: 1, view: 'bills' }, async () => null)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('reads the format from the extension, CSV unless it is a workbook', () => {
    expect(formatOfPath('/x/Bills.XLSX')).toBe('xlsx');
    expect(formatOfPath('/x/Bills.csv')).toBe('csv');
    expect(formatOfPath('/x/Bills')).toBe('csv');
  });
});
