// The message catalogs and the current locale. `t()` reads the locale from a
// rune, so every template that calls it re-renders when the locale changes.
import en from './catalogs/en.json';
import zhCN from './catalogs/zh-CN.json';
import type { Locale } from '../backend/types';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export const catalogs: Record<Locale, Catalog> = { en, 'zh-CN': zhCN };

const state = $state<{ locale: Locale }>({ locale: 'en' });

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** Best guess before the core has told us: the browser's language. */
export function guessLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function locale(): Locale {
  return state.locale;
}

export function setCurrentLocale(next: Locale): void {
  state.locale = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[state.locale][key] ?? catalogs.en[key] ?? key;
  return interpolate(text, params);
}

/** A message key built at run time (order types, sites); falls back to the raw code. */
export function tDynamic(key: string, fallback: string, params?: Record<string, string | number>): string {
  const catalog = catalogs[state.locale] as Record<string, string>;
  const text = catalog[key];
  return text === undefined ? fallback : interpolate(text, params);
}
