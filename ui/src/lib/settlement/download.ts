// Export a settlement view: the core writes CSV/XLSX; a browser saves it as a download,
// the app window (which cannot download from a page) has the core save it to Downloads,
// or, with "Save as…", where the seller chooses in the native save dialog.
import { backend } from '../backend';
import type { Chooser } from '../backend/dialogs';
import type { Exported, ExportView } from './types';

/** Bytes of a base64 text. */
export function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function exportView(args: {
  accountId: number;
  view: ExportView;
  billId?: string;
  format: 'csv' | 'xlsx';
}): Promise<Exported> {
  const inApp = backend().kind === 'tauri';
  const out = await backend().call('export_view', { ...args, save: inApp });
  if (!inApp && typeof document !== 'undefined') {
    const url = URL.createObjectURL(new Blob([base64Bytes(out.base64)], { type: out.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = out.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return out;
}

/** The format a chosen save path asks for: .xlsx is a workbook, anything else CSV. */
export function formatOfPath(path: string): 'csv' | 'xlsx' {
  return /\.xlsx$/i.test(path) ? 'xlsx' : 'csv';
}

/** "Save as…": the seller picks the place and, by its extension, the format; null when cancelled. */
export async function saveExportAs(
  args: { accountId: number; view: ExportView; billId?: string },
  choose: Chooser,
): Promise<Exported | null> {
  const saveTo = await choose();
  if (!saveTo) return null;
  return await backend().call('export_view', { ...args, format: formatOfPath(saveTo), saveTo });
}
