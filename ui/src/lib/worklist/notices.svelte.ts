// Deadline notices: every minute the core is asked for deadlines within 24 hours not
// announced yet (each comes back once). In the app window the core shows them as OS
// notifications itself; in a browser they are shown with the Web Notification API when
// the seller allowed it. Either way each also appears as an in-app toast.
import { backend } from '../backend';
import { locale } from '../i18n/index.svelte';
import type { ActionItem } from './types';
import { pick } from './words';

export const toasts = $state<{ items: ActionItem[] }>({ items: [] });

export function dismiss(item: ActionItem): void {
  toasts.items = toasts.items.filter((t) => t !== item);
}

export function webNotificationsPossible(win: object = globalThis): boolean {
  return backend().kind === 'http' && 'Notification' in win;
}

export async function askPermission(): Promise<boolean> {
  if (!webNotificationsPossible()) return false;
  return (await Notification.requestPermission()) === 'granted';
}

function show(item: ActionItem): void {
  toasts.items = [...toasts.items, item].slice(-4);
  if (webNotificationsPossible() && Notification.permission === 'granted') {
    new Notification(pick(item.title, locale()), { body: pick(item.detail, locale()) });
  }
}

export async function poll(accountId: number): Promise<number> {
  try {
    const fresh = await backend().call('due_notices', { accountId });
    fresh.forEach(show);
    return fresh.length;
  } catch {
    return 0;
  }
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Polls now and every minute for the given account (a new account restarts it). */
export function watch(accountId: number | null): void {
  if (timer) clearInterval(timer);
  timer = null;
  if (accountId === null) return;
  void poll(accountId);
  timer = setInterval(() => void poll(accountId), 60_000);
}
