// The Tauri implementation: each command is one `invoke(name, args)`; a rejected
// promise carries `{code, message}`.
import { invoke } from '@tauri-apps/api/core';
import type { Backend } from './index';
import type { ArgsOf, CommandName, ResultOf } from './types';
import { toAppError } from './errors';

export function tauriBackend(): Backend {
  return {
    kind: 'tauri',
    async call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
      try {
        return await invoke<ResultOf<C>>(command, args as Record<string, unknown>);
      } catch (thrown) {
        throw toAppError(thrown);
      }
    },
  };
}
