// Pure helpers for the worklist screens: pick a text in the UI language, say how long
// is left in words (from the catalogs), format minor units, which buyer or platform
// step fits a node, and read a file as base64.
import type { Locale } from '../backend/types';
import { catalogs, interpolate } from '../i18n/index.svelte';
import type { Money, OtherStep, Words } from './types';

export function pick(w: Words | null | undefined, locale: Locale): string {
  if (!w) return '';
  return locale === 'zh-CN' ? w.zhCN : w.en;
}

/** A length of time in words: "2 d 3 h", "19 h", "45 min" (the sign is ignored). */
export function duration(seconds: number, locale: Locale): string {
  const words = catalogs[locale];
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return interpolate(words['countdown.days'], { d, h });
  if (h > 0) return interpolate(words['countdown.hours'], { h });
  return interpolate(words['countdown.minutes'], { m });
}

/** "2 d 3 h left", "19 h left", "45 min left", "overdue by 3 h" — in the given language. */
export function timeLeft(seconds: number, locale: Locale): string {
  const span = duration(seconds, locale);
  return interpolate(catalogs[locale][seconds < 0 ? 'countdown.overdue' : 'countdown.left'], { span });
}

/** "1280.00" from 128000 minor units, exactly (no floating point). */
export function minorToAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor)).toString().padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/**
 * "1280.00" → 128000 minor units, exactly; at most two decimals, no grouping or sign
 * ("1,280.00", "12.345" and "" are null). A percentage read this way is in basis points.
 */
export function parseAmount(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

export function moneyText(m: Money): string {
  return `${minorToAmount(m.minor)} ${m.currency}`;
}

/** A step of the other side that "play the buyer" can take on the sandbox. */
export interface OtherSideStep {
  /** Message key suffix under `buyerStep.` and the test id `buyer-<key>`. */
  key: 'submit' | 'confirmOrder' | 'accept' | 'reject' | 'autoAccept' | 'approve' | 'returnAcceptance';
  actor: 'buyer' | 'platform';
  needsReason: boolean;
  /** The step in the domain's serde form; `reason` is used by the steps that need one. */
  op: (reason: string) => OtherStep;
}

const step = (
  key: OtherSideStep['key'],
  actor: OtherSideStep['actor'],
  op: (reason: string) => OtherStep,
  needsReason = false,
): OtherSideStep => ({ key, actor, op, needsReason });

/** The buyer's (or the platform's) steps at a node, for "play the buyer" on the sandbox. */
export function otherSideSteps(node: string): OtherSideStep[] {
  switch (node) {
    case 'submitting_requirements':
      return [step('submit', 'buyer', () => ({ submit_requirements: { documents: ['需求说明书.docx'] } }))];
    case 'confirming_order':
      return [step('confirmOrder', 'buyer', () => 'confirm_order')];
    case 'accepting':
      return [
        step('accept', 'buyer', () => 'accept'),
        step('reject', 'buyer', (reason) => ({ reject_delivery: { reason } }), true),
      ];
    case 'auto_accepting':
      return [step('autoAccept', 'platform', () => 'auto_accept')];
    case 'reviewing_acceptance':
      return [
        step('approve', 'platform', () => 'approve_acceptance'),
        step('returnAcceptance', 'platform', (reason) => ({ return_acceptance: { reason } }), true),
      ];
    default:
      return [];
  }
}

/** Joint-operation License flows (`{"joint_license": {...}}`): their start is the activation time. */
export function isJointFlow(flow: unknown): boolean {
  return typeof flow === 'object' && flow !== null && 'joint_license' in flow;
}

/** Reads a File as base64 (without the data-URL prefix). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fileSize(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toLocaleString(locale, { maximumFractionDigits: 1 })} KB`;
  return `${(kb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
