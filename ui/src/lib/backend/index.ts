// One Backend interface for the UI; the implementation is picked once at start:
// Tauri IPC inside the app window, HTTP against the web-mode server otherwise.
import { httpBackend } from './http';
import { tauriBackend } from './tauri';
import type { ArgsOf, CommandName, ResultOf } from './types';

export interface Backend {
  readonly kind: 'tauri' | 'http';
  call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
}

export function pickBackend(win: object = globalThis): Backend {
  return '__TAURI_INTERNALS__' in win ? tauriBackend() : httpBackend();
}

let current: Backend | null = null;

export function backend(): Backend {
  current ??= pickBackend();
  return current;
}

/** Tests and stories swap the backend here. */
export function useBackend(next: Backend): void {
  current = next;
}

export type * from './types';
export { AppError, toAppError, ERROR_CODES, type ErrorCode } from './errors';
