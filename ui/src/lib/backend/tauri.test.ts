import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { tauriBackend } = await import('./tauri');
const { pickBackend } = await import('./index');
const { AppError } = await import('./errors');

describe('Tauri backend', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('passes the command name and the args object straight to invoke', async () => {
    invoke.mockResolvedValue({ total: 0, rows: [] });
    const result = await tauriBackend().call('list_orders', { accountId: 3, orderType: 'NEW', offset: 50 });
    expect(invoke, 'the snake_case command and camelCase args go through unchanged').toHaveBeenCalledWith(
      'list_orders',
      { accountId: 3, orderType: 'NEW', offset: 50 },
    );
    expect(result).toEqual({ total: 0, rows: [] });
  });

  it('turns a rejected {code, message} into an AppError', async () => {
    invoke.mockImplementation(async () => {
      throw { code: 'auth', message: 'The marketplace refused the access key.' };
    });
    const error = (await tauriBackend()
      .call('test_connection', { accountId: 1 })
      .catch((e: unknown) => e)) as InstanceType<typeof AppError>;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('auth');
    expect(error.message).toBe('The marketplace refused the access key.');
  });

  it('treats a bare string rejection as internal, keeping the text for support', async () => {
    invoke.mockImplementation(async () => {
      throw 'command dashboard not found';
    });
    const error = (await tauriBackend()
      .call('dashboard', { accountId: 1 })
      .catch((e: unknown) => e)) as InstanceType<typeof AppError>;
    expect(error.code).toBe('internal');
    expect(error.message).toBe('command dashboard not found');
  });

  it('is chosen only inside the Tauri window', () => {
    expect(pickBackend({ __TAURI_INTERNALS__: {} }).kind, 'Tauri globals mean IPC').toBe('tauri');
    expect(pickBackend({}).kind, 'a plain browser talks HTTP to the web mode').toBe('http');
  });
});
