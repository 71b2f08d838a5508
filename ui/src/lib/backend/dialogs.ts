// Native open and save dialogs: Tauri's dialog plugin in the app window. The dialog
// answers a path and the page hands it to the core, which reads or writes it with its
// own limits (a pack folder is checked for escaping files, an export is written beside
// its final name and renamed into place). A page in a browser (`gallerist serve`) has no
// paths to give, so there `canChoosePaths()` is false and callers fall back to file
// inputs and downloads, or hide the action.
import { backend } from './index';

/** Answers the chosen path, or null when the seller cancelled. */
export type Chooser = () => Promise<string | null>;

export function canChoosePaths(): boolean {
  return backend().kind === 'tauri';
}

/** The folder-picking dialog (draft pack import). */
export function folderChooser(title: string): Chooser {
  return async () => {
    const { open } = await import('@tauri-apps/plugin-dialog');
    const chosen = await open({ title, directory: true, multiple: false });
    return typeof chosen === 'string' ? chosen : null;
  };
}

/** The save dialog, starting at `suggested` (a file or new folder name). */
export function saveChooser(title: string, suggested: string, extensions?: { name: string; extensions: string[] }): Chooser {
  return async () => {
    const { save } = await import('@tauri-apps/plugin-dialog');
    return (await save({ title, defaultPath: suggested, filters: extensions ? [extensions] : undefined })) ?? null;
  };
}
