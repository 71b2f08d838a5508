import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, isErrorCode, toAppError } from './errors';

describe('error codes', () => {
  it('mirror the stable list of docs/ipc.md', () => {
    expect([...ERROR_CODES].sort()).toEqual(
      ['auth', 'boot', 'conflict', 'internal', 'invalid_input', 'keychain', 'network', 'not_found', 'store'].sort(),
    );
    expect(isErrorCode('boot')).toBe(true);
    expect(isErrorCode('APIGW.0301'), 'marketplace codes are not app error codes').toBe(false);
  });

  it('turn anything thrown into {code, message}', () => {
    expect(toAppError({ code: 'store', message: 'disk full' }).toJSON()).toEqual({ code: 'store', message: 'disk full' });
    expect(toAppError('{"code":"not_found","message":"no order"}').code, 'a JSON string is parsed').toBe('not_found');
    expect(toAppError(new Error('boom')).toJSON()).toEqual({ code: 'internal', message: 'boom' });
    expect(toAppError(42).toJSON()).toEqual({ code: 'internal', message: '42' });
    const same = new AppError('auth', 'no');
    expect(toAppError(same), 'an AppError passes through').toBe(same);
  });
});
