// The endpoint settings as the page keeps them, and how they move when the seller
// picks a reference-server variant or switches V2/V1: the URL follows the variant,
// and the Kit key is prefilled with the sandbox's demo key only where the seller has
// not typed one of their own. Pure, so Vitest checks each move.
import type { CheckArgs, Mode, SellerTarget, Targets, Version } from './types';
import { isSandboxUrl, targetOf } from './report';

export interface Endpoint {
  url: string;
  version: Version;
  mode: Mode;
  kit: boolean;
  publicKeyPem: string;
  /** Whose production-interface key signs; unused for the sandbox's own URLs. */
  accountId: number | null;
}

export function blankEndpoint(accountId: number | null): Endpoint {
  return { url: '', version: 'v2', mode: 'period', kit: false, publicKeyPem: '', accountId };
}

/** A reference-server variant picked: its URL for the current version, the demo key ready. */
export function pickTarget(e: Endpoint, target: SellerTarget, demoKey: string): Endpoint {
  const url = e.version === 'v1' ? target.v1Url : target.v2Url;
  const keepKey = e.publicKeyPem.trim() !== '' && e.publicKeyPem !== demoKey;
  return { ...e, url, publicKeyPem: keepKey ? e.publicKeyPem : demoKey };
}

/** V2/V1 switched: a reference-server URL follows to the same variant's other version. */
export function switchVersion(e: Endpoint, version: Version, targets: readonly SellerTarget[]): Endpoint {
  const on = targetOf(e.url, targets);
  const url = on ? (version === 'v1' ? on.target.v1Url : on.target.v2Url) : e.url;
  return { ...e, version, url };
}

/** Why the run cannot start yet (a message key), or null when it can. */
export function missing(e: Endpoint, targets: Targets | null): 'saas.need.url' | 'saas.need.scheme' | 'saas.need.account' | 'saas.need.key' | null {
  const url = e.url.trim();
  if (url === '') return 'saas.need.url';
  if (!/^https?:\/\/[^/\s]+/i.test(url)) return 'saas.need.scheme';
  const sandbox = isSandboxUrl(url, targets?.sandboxUrl ?? null);
  if (!sandbox && e.accountId === null) return 'saas.need.account';
  if (e.kit && e.publicKeyPem.trim() === '' && !sandbox) return 'saas.need.key';
  return null;
}

/** The command's arguments: the Kit key only with the Kit, the account only when one is chosen. */
export function checkArgs(e: Endpoint): CheckArgs {
  const args: CheckArgs = { url: e.url.trim(), version: e.version, mode: e.mode, kit: e.kit };
  if (e.accountId !== null) args.accountId = e.accountId;
  if (e.kit && e.publicKeyPem.trim() !== '') args.publicKeyPem = e.publicKeyPem;
  return args;
}
