// Pure helpers for the worklist screens: pick a text in the UI language, say how long
// is left in words, format minor units, and which buyer step fits a node.
import type { Locale } from '../backend/types';
import type { Money, OtherStep, Words } from './types';

export function pick(w: Words | null | undefined, locale: Locale): string {
  if (!w) return '';
  return locale === 'zh-CN' ? w.zhCN : w.en;
}

/** "2 d 3 h left", "19 h left", "45 min left", "overdue by 3 h" (and zh-CN). */
export function timeLeft(seconds: number, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const late = seconds < 0;
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  let span: string;
  if (d > 0) span = zh ? `${d} 天 ${h} 小时` : `${d} d ${h} h`;
  else if (h > 0) span = zh ? `${h} 小时` : `${h} h`;
  else span = zh ? `${m} 分钟` : `${m} min`;
  if (late) return zh ? `已逾期 ${span}` : `overdue by ${span}`;
  return zh ? `剩余 ${span}` : `${span} left`;
}

/** "1280.00" from 128000 minor units, exactly (no floating point). */
export function minorToAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor)).toString().padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

export function moneyText(m: Money): string {
  return `${minorToAmount(m.minor)} ${m.currency}`;
}

/** The buyer's (or platform's) step at a node, for "play the buyer" on the sandbox. */
export function otherSideSteps(node: string): { key: string; actor: 'buyer' | 'platform'; op: OtherStep; needsReason?: boolean }[] {
  switch (node) {
    case 'submitting_requirements':
      return [{ key: 'submit', actor: 'buyer', op: { submit_requirements: { documents: ['需求说明书.docx'] } } }];
    case 'confirming_order':
      return [{ key: 'confirmOrder', actor: 'buyer', op: 'confirm_order' }];
    case 'accepting':
      return [
        { key: 'accept', actor: 'buyer', op: 'accept' },
        { key: 'reject', actor: 'buyer', op: { reject_delivery: { reason: '' } }, needsReason: true },
      ];
    default:
      return [];
  }
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
