// The stable error codes of docs/ipc.md. Errors cross IPC as `{ code, message }`;
// everything the UI catches is turned into an AppError with one of these codes.

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'store',
  'boot',
  'network',
  'auth',
  'keychain',
  'conflict',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isErrorBody(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * Turns anything thrown (an AppError, a `{code, message}` object from Tauri, an
 * Error, a string) into an AppError. Codes outside the stable list are kept as
 * sent, so support still sees what the core said.
 */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown;
  if (isErrorBody(thrown)) return new AppError(thrown.code, thrown.message);
  if (typeof thrown === 'string') {
    // Tauri may reject with a JSON string when a command returns a serialized error.
    try {
      const parsed: unknown = JSON.parse(thrown);
      if (isErrorBody(parsed)) return new AppError(parsed.code, parsed.message);
    } catch {
      /* not JSON: fall through */
    }
    return new AppError('internal', thrown);
  }
  if (thrown instanceof Error) return new AppError('internal', thrown.message);
  return new AppError('internal', String(thrown));
}
