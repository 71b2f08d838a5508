// DTOs exactly as docs/ipc.md defines them. Field names are the camelCase JSON
// the core sends; amounts are exact decimal strings with a separate ISO currency.

import type { SaasCommands } from '../saas/types';
import type { SettlementCommands } from '../settlement/types';
import type { WorklistCommands } from '../worklist/types';

export type Locale = 'zh-CN' | 'en';

export type Site = 'cn' | 'intl' | 'eu' | 'sandbox' | 'custom';

export interface AppInfo {
  version: string;
  dataDir: string;
  databasePath: string;
  logDir: string;
  locale: Locale;
  osLocale: string;
  sandboxUrl: string | null;
}

export interface OpenedFolder {
  path: string;
  opened: boolean;
  reason: string | null;
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

// ---- listing drafts (docs/ipc.md "Listing drafts"): bodies keep the domain's snake_case.

export type ProductType =
  | 'saas'
  | 'saas_joint'
  | 'license'
  | 'image'
  | 'manual_service'
  | 'consulting'
  | 'hardware'
  | 'api';

export type Severity = 'error' | 'warning' | 'info';

export interface ImageFacts {
  format: 'png' | 'jpeg' | 'gif';
  width: number;
  height: number;
  bytes: number;
}

export interface Asset {
  hash: string;
  file_name: string;
  bytes: number;
  image: ImageFacts | null;
}

export type RuleOverride = 'off' | { severity: Severity };

export interface Overrides {
  rules: Record<string, RuleOverride>;
}

export type Currency = 'CNY' | 'USD';

export type BillingMode = 'yearly_monthly' | 'one_time' | 'per_use' | 'pay_per_use' | 'on_demand_package' | 'free';

export type ServiceFlow = 'standard' | 'website_building';

/** How the product reaches the buyer; the product type follows from it. */
export type Delivery =
  | { saas: { joint_operation: boolean; offline_delivery: boolean } }
  | { license: { asset_package_ref: string | null } }
  | 'image'
  | { manual_service: { flow: ServiceFlow } }
  | { consulting: { seller_url: string } }
  | 'hardware'
  | { api: { api_group: string | null } };

export type Attribute =
  | { quantity: { name: string; unit: string; min: number; max: number } }
  | { enumeration: { name: string; values: string[] } };

export interface SkuBody {
  code: string;
  /** Exact minor units (fen / cents); never a float amount. */
  price: { minor: number; currency: Currency };
  values: Record<string, string>;
}

export interface SpecBody {
  name: string;
  billing: BillingMode;
  attributes: Attribute[];
  skus: SkuBody[];
  trial_days: number | null;
  purchase_limit: { max_count: number; until_resource_expiry: boolean } | null;
}

export type Copyright =
  | { certificate: { software_name: string; owner: string; file: Asset | null } }
  | { declaration_letter: { file: Asset | null } }
  | null;

export type ListingLabel = 'kunpeng' | 'hybrid_cloud' | 'iot';
export type ListingSite = 'cn' | 'intl' | 'eu';
export type KunpengGrade = 'huawei_compatible' | 'huawei_enabled';
export type RelationKind = 'service_for_software' | 'saas_edition' | 'license_edition';

/** The draft as the core stores it (docs/ipc.md "Listing drafts"), in the domain's snake_case. */
export interface DraftBody {
  name: string;
  version: string;
  delivery: Delivery;
  labels: ListingLabel[];
  sites: ListingSite[];
  relation: { kind: RelationKind; related_product: string } | null;
  sales_regions: string[];
  locales: Locale[];
  logo: Asset | null;
  main_images: Asset[];
  video: Asset | null;
  overview: string;
  highlights: string[];
  description: string;
  description_images: Asset[];
  customer_cases: string[];
  after_sales: {
    service_time: { days_per_week: number; hours_per_day: number; time_zone: string };
    content: string;
    hotline: string;
    email: string;
  };
  user_guide: string;
  agreement: string;
  copyright: Copyright;
  prerequisites: { kunpeng_certificate: KunpengGrade | null; hcs_certificate: Asset | null };
  delivery_template: Asset | null;
  specs: SpecBody[];
  overrides: Overrides;
  checked_with_pack: string | null;
}

/** Text the rule pack carries in both languages. */
export interface Bilingual {
  zh_cn: string;
  en: string;
}

export interface Issue {
  rule_id: string;
  severity: Severity;
  pack_severity: Severity;
  overridden: 'global' | 'draft' | null;
  field: string;
  message: Bilingual;
  hint: Bilingual;
  source: string;
  heuristic: boolean;
}

export interface Report {
  pack_version: string;
  issues: Issue[];
  suppressed: { rule_id: string; scope: 'global' | 'draft'; would_report: number }[];
}

export type DraftStatus = 'draft' | 'pending' | 'approved' | 'rejected';

export interface DraftView {
  id: number;
  revision: number;
  status: DraftStatus;
  productType: ProductType;
  createdAt: string;
  updatedAt: string;
  draft: DraftBody;
  report: Report;
  packVersion: string;
  globalOverrides: Overrides;
}

export interface DraftRow {
  id: number;
  name: string;
  productType: ProductType;
  status: DraftStatus;
  errors: number;
  warnings: number;
  infos: number;
  revision: number;
  updatedAt: string;
  checkedWithPack: string | null;
}

export interface PackRule {
  id: string;
  severity: Severity;
  field: string;
  types: ProductType[] | null;
  sites: string[] | null;
  source: string;
  official: boolean;
  message: Bilingual;
  hint: Bilingual;
}

export interface RulePack {
  version: string;
  rules: PackRule[];
  globalOverrides: Overrides;
}

export interface HistoryEntry {
  revision: number;
  reason: 'create' | 'edit' | 'restore' | 'duplicate' | 'import';
  name: string;
  errors: number;
  savedAt: string;
}

// ---- sync (docs/seller-sync-api.md; docs/ipc.md)

export interface QueuedChange {
  id: number;
  accountId: number;
  opKey: string;
  kind: string;
  lane: string;
  payload: Record<string, unknown>;
  baseRevision: number | null;
  state: 'queued' | 'parked' | 'done' | 'dropped';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  parkCode: string | null;
  parkReason: string | null;
  createdAt: string;
}

export interface SyncStatus {
  accountId: number;
  channel: 'seller_sync' | 'console_bridge';
  queued: number;
  parked: number;
  conflicts: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  needsAuth: boolean;
}

export interface Synced {
  shown: Record<string, any>;
  synced: Record<string, any>;
  revision: number;
  pending: boolean;
  draftId: number | null;
  syncedAt: string;
}

export interface Conflict {
  id: number;
  outboxId: number;
  kind: string;
  remoteId: string;
  mine: Record<string, unknown>;
  base: Record<string, unknown>;
  theirs: Record<string, unknown>;
  theirsRevision: number;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface ParityEntry {
  applicationId: string;
  ruleId: string | null;
  field: string | null;
  message: string;
  packVersion: string | null;
  loggedAt: string;
}

export interface SyncRun {
  drain: { requests: number; done: number; retried: number; parked: number; conflicts: number; needsAuth: boolean; queued: number };
  pull: { pages: number; seen: number; changed: number; decided: number; parity: number } | null;
  pullError: string | null;
}

/** Every command: its argument object and its result. */
export interface Commands extends WorklistCommands, SettlementCommands, SaasCommands {
  app_info: { args: Record<string, never>; result: AppInfo };
  set_locale: { args: SetLocaleArgs; result: SetLocaleResult };
  open_folder: { args: { which: 'data' | 'logs' }; result: OpenedFolder };
  list_accounts: { args: Record<string, never>; result: Account[] };
  dashboard: { args: AccountArgs; result: Dashboard };
  list_orders: { args: ListOrdersArgs; result: OrderPage };
  test_connection: { args: AccountArgs; result: ConnectionResult };
  add_account: { args: AddAccountArgs; result: Account };
  update_account: { args: UpdateAccountArgs; result: Account };
  remove_account: { args: AccountArgs; result: null };
  list_drafts: {
    args: { productType?: ProductType; status?: DraftStatus; search?: string };
    result: { packVersion: string; rows: DraftRow[] };
  };
  create_draft: { args: { productType: ProductType; flow?: ServiceFlow }; result: DraftView };
  get_draft: { args: { id: number }; result: DraftView };
  save_draft: { args: { id: number; revision: number; draft: DraftBody }; result: DraftView };
  duplicate_draft: { args: { id: number }; result: DraftView };
  delete_draft: { args: { id: number }; result: null };
  draft_history: { args: { id: number }; result: HistoryEntry[] };
  restore_draft: { args: { id: number; revision: number; fromRevision: number }; result: DraftView };
  add_asset: { args: { fileName: string; base64: string; kind: 'image' | 'file' }; result: Asset };
  asset_data_url: { args: { hash: string }; result: { dataUrl: string } };
  preview_draft: { args: { draft: DraftBody }; result: { html: string; notes: string[] } };
  rule_pack: { args: Record<string, never>; result: RulePack };
  set_global_override: { args: { ruleId: string; override: RuleOverride | null }; result: Overrides };
  export_draft_pack: { args: { id: number; folder: string }; result: { folder: string; files: number } };
  import_draft_pack: { args: { folder: string }; result: { view: DraftView; assetProblems: [string, string][] } };
  sync_status: { args: AccountArgs; result: SyncStatus };
  sync_now: { args: AccountArgs; result: SyncRun };
  list_parked: { args: AccountArgs; result: QueuedChange[] };
  retry_parked: { args: { id: number }; result: QueuedChange };
  drop_parked: { args: { id: number }; result: null };
  list_conflicts: { args: AccountArgs; result: Conflict[] };
  resolve_conflict: {
    args: { accountId: number; id: number; choices: Record<string, 'mine' | 'theirs'> };
    result: Conflict;
  };
  parity_log: { args: AccountArgs; result: ParityEntry[] };
  submit_draft: { args: { accountId: number; draftId: number; acknowledgeErrors?: boolean }; result: QueuedChange };
  withdraw_application: { args: { accountId: number; id: string }; result: QueuedChange };
  list_applications: { args: AccountArgs; result: { synced: Synced[]; waiting: QueuedChange[] } };
  list_products: { args: AccountArgs; result: Synced[] };
  edit_product: { args: { accountId: number; id: string; fields: Record<string, string> }; result: QueuedChange };
  request_delisting: {
    args: { accountId: number; id: string; target: { kind: string; spec_id?: string; sku_id?: string }; reason: string };
    result: QueuedChange;
  };
}

export type CommandName = keyof Commands;
export type ArgsOf<C extends CommandName> = Commands[C]['args'];
export type ResultOf<C extends CommandName> = Commands[C]['result'];
