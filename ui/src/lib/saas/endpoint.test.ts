import { describe, expect, it } from 'vitest';
import { blankEndpoint, checkArgs, missing, pickTarget, switchVersion } from './endpoint';
import type { SellerTarget, Targets } from './types';

const DEMO = '-----BEGIN PUBLIC KEY-----\nDEMO\n-----END PUBLIC KEY-----\n';
const noActivity: SellerTarget = {
  variant: 'no-activity',
  faulty: true,
  about: { en: 'Fault: queryInstance is not implemented', zh: '故障：未实现 queryInstance' },
  v2Url: 'http://127.0.0.1:9/seller/no-activity/v2',
  v1Url: 'http://127.0.0.1:9/seller/no-activity/v1',
};
const targets: Targets = { sandboxUrl: 'http://127.0.0.1:9', targets: [noActivity], publicKeyPem: DEMO };

describe('endpoint settings', () => {
  it('a picked variant fills its URL for the chosen version and the demo Kit key', () => {
    const picked = pickTarget({ ...blankEndpoint(1), version: 'v1' }, noActivity, DEMO);
    expect(picked.url).toBe(noActivity.v1Url);
    expect(picked.publicKeyPem).toBe(DEMO);
  });

  it("never overwrites a public key the seller typed", () => {
    const own = '-----BEGIN PUBLIC KEY-----\nMINE\n-----END PUBLIC KEY-----';
    expect(pickTarget({ ...blankEndpoint(1), publicKeyPem: own }, noActivity, DEMO).publicKeyPem).toBe(own);
  });

  it("switching V2/V1 moves a reference URL to the same variant's other version, and leaves the seller's own URL alone", () => {
    const on = pickTarget(blankEndpoint(1), noActivity, DEMO);
    expect(switchVersion(on, 'v1', targets.targets).url).toBe(noActivity.v1Url);
    const own = { ...blankEndpoint(1), url: 'https://isv.example.com/produce' };
    expect(switchVersion(own, 'v1', targets.targets)).toEqual({ ...own, version: 'v1' });
  });

  it('says what is missing before a run can start', () => {
    expect(missing(blankEndpoint(1), targets)).toBe('saas.need.url');
    expect(missing({ ...blankEndpoint(1), url: 'isv.example.com' }, targets)).toBe('saas.need.scheme');
    expect(missing({ ...blankEndpoint(null), url: 'https://isv.example.com/produce' }, targets)).toBe('saas.need.account');
    expect(missing({ ...blankEndpoint(1), url: 'https://isv.example.com/produce', kit: true }, targets)).toBe('saas.need.key');
    // The sandbox signs with its demo key and brings its own Kit key.
    expect(missing({ ...blankEndpoint(null), url: noActivity.v2Url, kit: true }, targets)).toBeNull();
  });

  it('sends the Kit key only with the Kit, and the account only when one is chosen', () => {
    const e = { ...pickTarget(blankEndpoint(null), noActivity, DEMO), mode: 'one-off' as const };
    expect(checkArgs(e)).toEqual({ url: noActivity.v2Url, version: 'v2', mode: 'one-off', kit: false });
    expect(checkArgs({ ...e, kit: true, accountId: 3 })).toEqual({
      url: noActivity.v2Url,
      version: 'v2',
      mode: 'one-off',
      kit: true,
      accountId: 3,
      publicKeyPem: DEMO,
    });
  });
});
