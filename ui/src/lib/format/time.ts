// Times in one zone with one label across the app. KooGallery counts deadlines (the
// 7-day invoice rule, the 5-day appeal, acceptance dates) and calendar months in UTC+8,
// so a seller reads every time there, labelled the same way on every screen ("UTC+8";
// 北京时间 in Chinese, as the core's own notices say), with their own clock beside it
// only when it differs. Cases once showed a deadline in local time while the dashboard
// showed it in UTC+8, and "(北京时间)" and "(UTC+8)" appeared side by side.
import type { Locale } from '../backend/types';
import { formatDateTime } from '../i18n/format';
import { catalogs, interpolate } from '../i18n/index.svelte';

export const MARKET_ZONE = 'Asia/Shanghai';

/** The one label for the marketplace zone, in the seller's language. */
export function zoneLabel(locale: Locale): string {
  return catalogs[locale]['time.zone'];
}

/** The zone this computer's clock shows. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Minutes east of UTC that `zone` is at `at`. */
function offsetMinutes(at: Date, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

export interface MarketTime {
  /** "2026-12-06 14:00 UTC+8". */
  text: string;
  /** The same instant on this computer's clock, or null when its zone agrees with UTC+8. */
  local: string | null;
}

/** An instant in UTC+8 with the label, plus the seller's own clock when it differs. */
export function marketTime(iso: string, locale: Locale, zone: string = localZone()): MarketTime {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { text: iso, local: null };
  const text = `${formatDateTime(iso, locale, MARKET_ZONE)} ${zoneLabel(locale)}`;
  const differs = offsetMinutes(d, zone) !== offsetMinutes(d, MARKET_ZONE);
  return { text, local: differs ? interpolate(catalogs[locale]['time.yours'], { time: formatDateTime(iso, locale, zone) }) : null };
}

/** marketTime as one line: "2026-12-06 14:00 UTC+8 (your time 07:00 …)". */
export function formatMarketTime(iso: string, locale: Locale, zone: string = localZone()): string {
  const m = marketTime(iso, locale, zone);
  return m.local ? interpolate(catalogs[locale]['time.withLocal'], { time: m.text, local: m.local }) : m.text;
}
