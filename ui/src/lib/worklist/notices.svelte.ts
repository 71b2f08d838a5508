// Deadline notices: at start and every minute the core is asked for deadlines within
// 24 hours not announced yet on this machine (each comes back once). In the app window
// the core shows them as OS notifications itself; in a browser they are shown with the
// Web Notification API when the seller allowed it. Either way each also appears as an
// in-app toast, so nothing depends on a permission.
import { backend } from '../backend';
import { locale } from '../i18n/index.svelte';
import type { ActionItem } from './types';
import { pick } from './words';

export const POLL_MS = 60_000;
/** Toasts kept on screen at once; older ones make way. */
export const MAX_TOASTS = 4;

export const toasts = $state<{ items: ActionItem[] }>({ items: [] });

export function dismiss(item: ActionItem): void {
  toasts.items = toasts.items.filter((t) => t !== item);
}

/** Web notifications are ours to show only in web mode; the app window's core shows its own. */
export function webNotificationsPossible(win: object = globalThis): boolean {
  return backend().kind === 'http' && 'Notification' in win;
}

/** "default" until the seller answers the browser's question once. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return webNotificationsPossible() ? Notification.permission : 'unsupported';
}

export async function askPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!webNotificationsPossible()) return 'unsupported';
  return Notification.requestPermission();
}

function show(item: ActionItem): void {
  toasts.items = [...toasts.items, item].slice(-MAX_TOASTS);
  if (webNotificationsPossible() && Notification.permission === 'granted') {
    try {
      new Notification(pick(item.title, locale()), { body: pick(item.detail, locale()), tag: `${item.kind}:${item.id}` });
    } catch {
      // Some browsers only allow notifications from a service worker; the toast stays.
    }
  }
}

/** Asks once for fresh notices and shows them; returns how many there were. */
export async function poll(accountId: number): Promise<number> {
  try {
    const fresh = await backend().call('due_notices', { accountId });
    fresh.forEach(show);
    return fresh.length;
  } catch {
    // The sync widget and the pages say why the core cannot answer; try again next minute.
    return 0;
  }
}

let timer: ReturnType<typeof setInterval> | null = null;

export function stopWatching(): void {
  if (timer) clearInterval(timer);
  timer = null;
}

/** Polls now and every minute for the account (another account restarts it; null stops). */
export function watch(accountId: number | null): () => void {
  stopWatching();
  if (accountId === null) return stopWatching;
  void poll(accountId);
  timer = setInterval(() => void poll(accountId), POLL_MS);
  return stopWatching;
}
