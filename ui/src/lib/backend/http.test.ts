import { describe, expect, it, vi } from 'vitest';
import { httpBackend } from './http';
import { AppError } from './errors';

function respond(status: number, body: unknown): typeof fetch {
  return vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
}

describe('HTTP backend (web mode)', () => {
  it('POSTs the args as JSON to /api/<command> and returns the JSON answer', async () => {
    const fetcher = respond(200, { total: 1, rows: [] });
    const result = await httpBackend('', fetcher).call('list_orders', { accountId: 1, search: 'MOCK', limit: 50 });
    expect(result).toEqual({ total: 1, rows: [] });
    const [url, init] = (fetcher as ReturnType<typeof vi.fn>).mock.calls[0] as [string, RequestInit];
    expect(url, 'the command name is the last path segment').toBe('/api/list_orders');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body)), 'args travel unchanged as camelCase JSON').toEqual({
      accountId: 1,
      search: 'MOCK',
      limit: 50,
    });
  });

  it('sends {} for commands without arguments', async () => {
    const fetcher = respond(200, []);
    await httpBackend('', fetcher).call('list_accounts', {});
    const [, init] = (fetcher as ReturnType<typeof vi.fn>).mock.calls[0] as [string, RequestInit];
    expect(init.body).toBe('{}');
  });

  it('turns a 4xx {code, message} body into an AppError with that code and message', async () => {
    const fetcher = respond(404, { code: 'not_found', message: 'Account 9 does not exist.' });
    const error = await httpBackend('', fetcher)
      .call('dashboard', { accountId: 9 })
      .catch((e: unknown) => e);
    expect(error, 'the UI should get an AppError it can show').toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    expect((error as AppError).message).toBe('Account 9 does not exist.');
  });

  it('keeps the boot code of a 5xx so the app can show the boot screen', async () => {
    const fetcher = respond(500, { code: 'boot', message: 'The database at /x/db.sqlite3 is newer than this app.' });
    const error = (await httpBackend('', fetcher)
      .call('app_info', {})
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('boot');
    expect(error.message).toContain('/x/db.sqlite3');
  });

  it('maps a network failure to code network', async () => {
    const fetcher = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await httpBackend('', fetcher)
      .call('app_info', {})
      .catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code, 'an unreachable core is a network error').toBe('network');
    expect(error.message).toContain('Failed to fetch');
  });

  it('reports a non-JSON error page as internal, with the status', async () => {
    const fetcher = respond(502, '<html>Bad gateway</html>');
    const error = (await httpBackend('', fetcher)
      .call('app_info', {})
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('internal');
    expect(error.message).toContain('502');
  });
});
