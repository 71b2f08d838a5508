// The window's updater: Tauri's updater plugin (signature checked against the key this
// build trusts) and the process plugin to restart into the installed version. Loaded
// only inside the app window; a page served by `gallerist serve` has no updater.
import type { Updater } from './flow.svelte';

export async function tauriUpdater(): Promise<Updater> {
  const [{ check }, { relaunch }] = await Promise.all([
    import('@tauri-apps/plugin-updater'),
    import('@tauri-apps/plugin-process'),
  ]);
  return {
    async check() {
      return await check();
    },
    async restart() {
      await relaunch();
    },
  };
}
