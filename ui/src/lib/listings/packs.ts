// Draft packs from the drafts table: export a draft as a pack folder where the seller
// chooses (the save dialog names a new folder), import a pack folder they pick. The
// core does the file work and its checks; this only asks where and reports back.
import { backend } from '../backend';
import type { Chooser } from '../backend/dialogs';
import type { DraftView } from '../backend/types';

export type PackOutcome =
  | { kind: 'cancelled' }
  | { kind: 'exported'; folder: string; files: number }
  | { kind: 'imported'; view: DraftView; assetProblems: [string, string][] };

/** A folder name for a draft's pack: its name without characters folders refuse. */
export function packFolderName(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return `${cleaned.slice(0, 80) || 'draft'} (pack)`;
}

export async function exportPack(id: number, choose: Chooser): Promise<PackOutcome> {
  const folder = await choose();
  if (!folder) return { kind: 'cancelled' };
  const done = await backend().call('export_draft_pack', { id, folder });
  return { kind: 'exported', folder: done.folder, files: done.files };
}

export async function importPack(choose: Chooser): Promise<PackOutcome> {
  const folder = await choose();
  if (!folder) return { kind: 'cancelled' };
  const done = await backend().call('import_draft_pack', { folder });
  return { kind: 'imported', view: done.view, assetProblems: done.assetProblems };
}
