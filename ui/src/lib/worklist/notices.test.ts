import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBackend, type Backend } from '../backend';
import type { ArgsOf, CommandName, ResultOf } from '../backend/types';
import { setCurrentLocale } from '../i18n/index.svelte';
import { askPermission, dismiss, MAX_TOASTS, notificationPermission, poll, POLL_MS, stopWatching, toasts, watch } from './notices.svelte';
import type { ActionItem } from './types';

function notice(id: string): ActionItem {
  return {
    kind: 'invoice_due',
    id,
    title: { en: `Invoice ${id}`, zhCN: `发票 ${id}` },
    detail: { en: 'Issue by the end of 2026-11-29 (UTC+8).', zhCN: '请于 2026-11-29（北京时间）前开票。' },
    dueAt: '2026-11-29T16:00:00Z',
    urgent: true,
  };
}

/** A core whose due_notices answers from a queue, recording which account asked. */
function fakeCore(kind: Backend['kind'], answers: (ActionItem[] | Error)[]) {
  const asked: number[] = [];
  const core: Backend = {
    kind,
    async call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
      if (command !== 'due_notices') throw new Error(`unexpected ${command}`);
      asked.push((args as ArgsOf<'due_notices'>).accountId);
      const next = answers.shift() ?? [];
      if (next instanceof Error) throw next;
      return next as ResultOf<C>;
    },
  };
  useBackend(core);
  return asked;
}

/** A stand-in for the browser's Notification, recording what was shown. */
function fakeNotifications(permission: NotificationPermission) {
  const shown: { title: string; body?: string }[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = 'granted';
      return 'granted' as const;
    });
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, FakeNotification };
}

beforeEach(() => {
  toasts.items = [];
  setCurrentLocale('en');
});

afterEach(() => {
  stopWatching();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('deadline notices', () => {
  it('shows each fresh notice as a toast and, when allowed, as a web notification in the UI language', async () => {
    fakeCore('http', [[notice('IR1')]]);
    const { shown } = fakeNotifications('granted');
    setCurrentLocale('zh-CN');
    expect(await poll(7)).toBe(1);
    expect(toasts.items.map((t) => t.id)).toEqual(['IR1']);
    expect(shown).toEqual([{ title: '发票 IR1', body: '请于 2026-11-29（北京时间）前开票。' }]);
  });

  it('still shows the toast when notifications were not allowed', async () => {
    fakeCore('http', [[notice('IR1')]]);
    const { shown } = fakeNotifications('default');
    await poll(7);
    expect(toasts.items).toHaveLength(1);
    expect(shown, 'no permission, no notification').toEqual([]);
  });

  it('leaves OS notifications to the core in the app window', async () => {
    fakeCore('tauri', [[notice('IR1')]]);
    const { shown } = fakeNotifications('granted');
    await poll(7);
    expect(shown, 'the core already showed it').toEqual([]);
    expect(toasts.items, 'the toast appears anyway').toHaveLength(1);
    expect(notificationPermission()).toBe('unsupported');
  });

  it('asks for permission once, through the browser', async () => {
    fakeCore('http', []);
    const { FakeNotification } = fakeNotifications('default');
    expect(notificationPermission()).toBe('default');
    expect(await askPermission()).toBe('granted');
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(notificationPermission()).toBe('granted');
  });

  it('keeps a failing core from breaking the app and tries again next time', async () => {
    fakeCore('http', [new Error('offline'), [notice('IR2')]]);
    expect(await poll(7), 'a failure counts as no notices').toBe(0);
    expect(await poll(7)).toBe(1);
    expect(toasts.items.map((t) => t.id)).toEqual(['IR2']);
  });

  it('keeps the newest toasts and lets the seller dismiss one', async () => {
    fakeCore('http', [[1, 2, 3, 4, 5].map((n) => notice(`IR${n}`))]);
    await poll(7);
    expect(toasts.items.map((t) => t.id), `at most ${MAX_TOASTS}, newest kept`).toEqual(['IR2', 'IR3', 'IR4', 'IR5']);
    dismiss(toasts.items[0]);
    expect(toasts.items.map((t) => t.id)).toEqual(['IR3', 'IR4', 'IR5']);
  });

  it('polls at once and every minute for the current account, and stops for another', async () => {
    vi.useFakeTimers();
    const asked = fakeCore('http', []);
    watch(1);
    expect(asked, 'on start').toEqual([1]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(asked, 'a minute later').toEqual([1, 1]);
    watch(2);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(asked, 'switching account restarts the watch for the new one').toEqual([1, 1, 2, 2]);
    const stop = watch(null);
    await vi.advanceTimersByTimeAsync(3 * POLL_MS);
    expect(asked, 'no account, no polling').toEqual([1, 1, 2, 2]);
    stop();
  });
});
