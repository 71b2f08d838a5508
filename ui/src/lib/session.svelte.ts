// What the whole app needs once it has started: app info, the accounts and which
// one is current. Start-up failures are kept here so App can show the boot screen.
import { backend, toAppError, type AppError } from './backend';
import type { Account, AppInfo, Locale } from './backend/types';
import { guessLocale, setCurrentLocale } from './i18n/index.svelte';

const ACCOUNT_KEY = 'gallerist.accountId';

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  info: AppInfo | null;
  accounts: Account[];
  accountId: number | null;
  error: AppError | null;
}

export const session = $state<SessionState>({
  status: 'loading',
  info: null,
  accounts: [],
  accountId: null,
  error: null,
});

function rememberedAccount(): number | null {
  try {
    const raw = localStorage.getItem(ACCOUNT_KEY);
    return raw === null ? null : Number(raw);
  } catch {
    return null;
  }
}

export async function start(): Promise<void> {
  session.status = 'loading';
  session.error = null;
  setCurrentLocale(guessLocale());
  try {
    // Asked together: one round trip to the core (which may still be booting) instead of two.
    const [info, accounts] = await Promise.all([
      backend().call('app_info', {}),
      backend().call('list_accounts', {}),
    ]);
    session.info = info;
    setCurrentLocale(info.locale);
    session.accounts = accounts;
    const remembered = rememberedAccount();
    const pick =
      accounts.find((a) => a.id === remembered) ?? accounts.find((a) => a.isSandbox) ?? accounts[0] ?? null;
    session.accountId = pick?.id ?? null;
    session.status = 'ready';
  } catch (thrown) {
    session.error = toAppError(thrown);
    session.status = 'failed';
  }
}

/** Reloads the account list after an edit; keeps the current account when it still exists. */
export async function refreshAccounts(): Promise<void> {
  const accounts = await backend().call('list_accounts', {});
  session.accounts = accounts;
  if (!accounts.some((a) => a.id === session.accountId)) {
    const next = accounts.find((a) => a.isSandbox) ?? accounts[0] ?? null;
    session.accountId = next?.id ?? null;
  }
}

export function currentAccount(): Account | null {
  return session.accounts.find((a) => a.id === session.accountId) ?? null;
}

export function selectAccount(id: number): void {
  session.accountId = id;
  try {
    localStorage.setItem(ACCOUNT_KEY, String(id));
  } catch {
    /* private mode: the choice lasts until reload */
  }
}

/** Asks the core to persist the locale, then re-renders in it. */
export async function changeLocale(next: Locale): Promise<void> {
  const result = await backend().call('set_locale', { locale: next });
  setCurrentLocale(result.locale);
  if (session.info) session.info.locale = result.locale;
}

/** A `boot` error from any call means the data cannot be opened: show the boot screen. */
export function escalate(error: AppError): void {
  if (error.code === 'boot') {
    session.error = error;
    session.status = 'failed';
  }
}
