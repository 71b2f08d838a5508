// Pure helpers for the SaaS integration page: which area a check belongs to, the
// counts, what changed since the last run in the seller's words, and request/answer
// bodies made readable. Kept out of the components so Vitest can hold them to account.
import type { Locale } from '../backend/types';
import { catalogs, interpolate, type MessageKey } from '../i18n/index.svelte';
import type { Bilingual, Change, Check, Mode, SellerTarget, Verdict, Version } from './types';

/** The text in the UI language. */
export function say(w: Bilingual | null | undefined, locale: Locale): string {
  if (!w) return '';
  return locale === 'zh-CN' ? w.zh : w.en;
}

function text(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalogs[locale][key], params);
}

/** The table's groups, in the order a seller fixes things. */
export const AREAS = ['url', 'v2', 'auth', 'kit', 'v1', 'other'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_LABEL: Record<Area, MessageKey> = {
  url: 'saas.area.url',
  v2: 'saas.area.v2',
  auth: 'saas.area.auth',
  kit: 'saas.area.kit',
  v1: 'saas.area.v1',
  other: 'saas.area.other',
};

/**
 * A check that sent a deliberately bad request is about refusing it (wrong signature,
 * old timestamp, replayed nonce, wrong authToken), whichever interface it went to;
 * the rest go by the interface their id names.
 */
export function areaOf(check: Check): Area {
  if (check.exchanges.some((e) => e.request.deliberatelyBad)) return 'auth';
  const head = check.id.split('.', 1)[0];
  return (AREAS as readonly string[]).includes(head) && head !== 'auth' && head !== 'other' ? (head as Area) : 'other';
}

export interface Counts {
  pass: number;
  warn: number;
  fail: number;
}

export function countVerdicts(checks: readonly Check[]): Counts {
  const counts: Counts = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.verdict]++;
  return counts;
}

export interface Group {
  area: Area;
  checks: Check[];
  counts: Counts;
}

/** Non-empty groups in AREAS order; checks keep the order they finished in. */
export function groupByArea(checks: readonly Check[]): Group[] {
  return AREAS.map((area) => {
    const mine = checks.filter((c) => areaOf(c) === area);
    return { area, checks: mine, counts: countVerdicts(mine) };
  }).filter((g) => g.checks.length > 0);
}

export const VERDICT_LABEL: Record<Verdict, MessageKey> = {
  pass: 'saas.verdict.pass',
  warn: 'saas.verdict.warn',
  fail: 'saas.verdict.fail',
};

/** The shared status scale: passed green, a warning amber, failed red. */
export const VERDICT_TONE = { pass: 'ok', warn: 'attention', fail: 'failed' } as const;

export const MODE_LABEL: Record<Mode, MessageKey> = {
  period: 'chargingMode.PERIOD',
  'per-use': 'chargingMode.ON_DEMAND',
  'one-off': 'chargingMode.ONE_TIME',
};

export const VERSION_LABEL: Record<Version, MessageKey> = {
  v2: 'saas.version.v2',
  v1: 'saas.version.v1',
};

/** "320 ms" under a second, "4.1 s" from there: answer times as the budget (5 s) reads. */
export function msText(ms: number, locale: Locale): string {
  if (ms < 1000) return text(locale, 'saas.ms', { n: Math.round(ms) });
  return text(locale, 'saas.seconds', { n: (ms / 1000).toFixed(1) });
}

function titleOf(checkId: string, locale: Locale, ...runs: readonly (readonly Check[])[]): string {
  for (const checks of runs) {
    const found = checks.find((c) => c.id === checkId);
    if (found) return say(found.title, locale);
  }
  return checkId;
}

/**
 * One change since the previous run, in words: "create: Passed → Failed",
 * "create now takes 4.1 s, was 320 ms". Added and removed checks carry only their id,
 * so their titles come from this run or the previous one.
 */
export function changeText(change: Change, locale: Locale, checks: readonly Check[], previous: readonly Check[] = []): string {
  const verdict = (v: Verdict) => text(locale, VERDICT_LABEL[v]);
  switch (change.kind) {
    case 'verdict':
      return text(locale, 'saas.change.verdict', {
        title: locale === 'zh-CN' ? change.titleZh : change.titleEn,
        from: verdict(change.from),
        to: verdict(change.to),
      });
    case 'timing':
      return text(locale, 'saas.change.timing', {
        title: locale === 'zh-CN' ? change.titleZh : change.titleEn,
        now: msText(change.nowMs, locale),
        was: msText(change.wasMs, locale),
      });
    case 'added':
      return text(locale, 'saas.change.added', { title: titleOf(change.checkId, locale, checks), verdict: verdict(change.verdict) });
    case 'removed':
      return text(locale, 'saas.change.removed', { title: titleOf(change.checkId, locale, previous, checks) });
  }
}

/** Whether a change is for the worse (shown red) — a verdict that dropped or an answer that slowed. */
export function isWorse(change: Change): boolean {
  const rank: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 };
  if (change.kind === 'verdict') return rank[change.to] > rank[change.from];
  if (change.kind === 'timing') return change.nowMs > change.wasMs;
  return change.kind === 'added' && change.verdict === 'fail';
}

/** A JSON body indented for reading; anything else exactly as it was. */
export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}

/** `resultCode` and `resultMsg` of a JSON answer, when it has them. */
export function resultOf(body: string): { code: string; message: string } | null {
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && 'resultCode' in value) {
      const v = value as { resultCode: unknown; resultMsg?: unknown };
      return { code: String(v.resultCode), message: typeof v.resultMsg === 'string' ? v.resultMsg : '' };
    }
  } catch {
    // Not JSON: the body is shown as it came.
  }
  return null;
}

/** The reference-server variant a URL points at, if it is one of the sandbox's. */
export function targetOf(url: string, targets: readonly SellerTarget[]): { target: SellerTarget; version: Version } | null {
  const u = url.trim();
  for (const target of targets) {
    if (target.v2Url === u) return { target, version: 'v2' };
    if (target.v1Url === u) return { target, version: 'v1' };
  }
  return null;
}

/** Whether a URL goes to the embedded sandbox (signed with its demo key, not an account's). */
export function isSandboxUrl(url: string, sandboxUrl: string | null): boolean {
  return sandboxUrl !== null && url.trim().startsWith(`${sandboxUrl}/seller/`);
}
