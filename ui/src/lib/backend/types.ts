// DTOs exactly as docs/ipc.md defines them. Field names are the camelCase JSON
// the core sends; amounts are exact decimal strings with a separate ISO currency.

export type Locale = 'zh-CN' | 'en';

export type Site = 'cn' | 'intl' | 'eu' | 'sandbox' | 'custom';

export interface AppInfo {
  version: string;
  dataDir: string;
  databasePath: string;
  locale: Locale;
  osLocale: string;
  sandboxUrl: string | null;
}

export interface SetLocaleArgs {
  locale: Locale;
}

export interface SetLocaleResult {
  locale: Locale;
}

export interface Account {
  id: number;
  name: string;
  site: Site;
  baseUrl: string;
  accessKeyId: string | null;
  isSandbox: boolean;
  createdAt: string;
  /** Whether the secret key is in the OS keychain (the key itself never comes back). */
  secretKeyStored: boolean;
  productionKeyStored: boolean;
}

/** Sites a seller can add; the sandbox account is built in. */
export type AddableSite = Exclude<Site, 'sandbox'>;

export interface AddAccountArgs {
  name: string;
  site: AddableSite;
  /** Required for `custom`; otherwise the site's default endpoint is used. */
  baseUrl?: string;
  accessKeyId: string;
  secretKey: string;
  productionKey?: string;
}

export interface UpdateAccountArgs {
  accountId: number;
  name?: string;
  baseUrl?: string;
  accessKeyId?: string;
  /** A given key replaces the stored one. */
  secretKey?: string;
  productionKey?: string;
}

export interface AccountArgs {
  accountId: number;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface MonthPoint {
  /** "YYYY-MM", the calendar month in UTC+8. */
  month: string;
  count: number;
  amount: string;
  currency: string;
}

export interface Dashboard {
  account: Account;
  orderCount: number;
  lineCount: number;
  buyerCount: number;
  ordersThisMonth: number;
  gross: Money[];
  perMonth: MonthPoint[];
  byType: { orderType: string; count: number }[];
  byChargingMode: { chargingMode: string; count: number }[];
  timezoneNote: string;
}

export interface ListOrdersArgs {
  accountId: number;
  search?: string;
  orderType?: string;
  limit?: number;
  offset?: number;
}

export interface OrderRow {
  orderId: string;
  orderType: string;
  /** RFC 3339, UTC. */
  createTime: string;
  productName: string;
  chargingMode: string;
  amount: string;
  currency: string;
  buyerName: string | null;
  lineCount: number;
}

export interface OrderPage {
  total: number;
  rows: OrderRow[];
}

export interface ConnectionResult {
  ok: boolean;
  httpStatus: number | null;
  code: string;
  message: string;
  /** What to do about it, in the current locale, from the core's code table. */
  nextStep: string;
  latencyMs: number;
  checkedOrderId: string;
  clockOffsetSeconds: number | null;
}

/** Every command: its argument object and its result. */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  set_locale: { args: SetLocaleArgs; result: SetLocaleResult };
  list_accounts: { args: Record<string, never>; result: Account[] };
  dashboard: { args: AccountArgs; result: Dashboard };
  list_orders: { args: ListOrdersArgs; result: OrderPage };
  test_connection: { args: AccountArgs; result: ConnectionResult };
  add_account: { args: AddAccountArgs; result: Account };
  update_account: { args: UpdateAccountArgs; result: Account };
  remove_account: { args: AccountArgs; result: null };
}

export type CommandName = keyof Commands;
export type ArgsOf<C extends CommandName> = Commands[C]['args'];
export type ResultOf<C extends CommandName> = Commands[C]['result'];
