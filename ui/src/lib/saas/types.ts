// The SaaS integration page's DTOs, exactly as crates/api/src/produce.rs sends them
// (docs/ipc.md, "SaaS integration"). Texts a seller reads come in both languages.

/** A text in both UI languages, as the conformance runner words it. */
export interface Bilingual {
  en: string;
  zh: string;
}

export type Version = 'v2' | 'v1';
export type Mode = 'period' | 'per-use' | 'one-off';
export type Verdict = 'pass' | 'warn' | 'fail';

/** One way the embedded sandbox's reference seller server behaves. */
export interface SellerTarget {
  variant: string;
  faulty: boolean;
  about: Bilingual;
  v2Url: string;
  v1Url: string;
}

export interface Targets {
  /** `null` when the app runs without its embedded sandbox (then `targets` is empty). */
  sandboxUrl: string | null;
  targets: SellerTarget[];
  /** The reference server's fixed Kit key (sandbox data, not a secret). */
  publicKeyPem: string;
}

export interface SentRequest {
  method: string;
  /** The full URL with its query (signature, timestamp, nonce or authToken). */
  url: string;
  headers: [string, string][];
  body: string;
  /** Set when the request is wrong on purpose; the seller's server should refuse it. */
  deliberatelyBad: Bilingual | null;
}

export interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
  utf8: boolean;
}

export interface Exchange {
  request: SentRequest;
  answer: Answer | null;
  transportError: string | null;
  elapsedMs: number;
}

export interface Check {
  /** Stable, e.g. "v2.create.idempotent"; not shown to the seller. */
  id: string;
  title: Bilingual;
  verdict: Verdict;
  words: Bilingual;
  docUrl: string;
  exchanges: Exchange[];
  /** The slowest answer among the exchanges; `null` for checks of the URL itself. */
  elapsedMs: number | null;
}

export interface RunSummary {
  id: number;
  accountId: number | null;
  url: string;
  version: string;
  mode: string;
  kit: boolean;
  startedAt: string;
  finishedAt: string;
  passed: number;
  warned: number;
  failed: number;
}

export type Change =
  | { kind: 'verdict'; checkId: string; titleEn: string; titleZh: string; from: Verdict; to: Verdict }
  | { kind: 'timing'; checkId: string; titleEn: string; titleZh: string; wasMs: number; nowMs: number }
  | { kind: 'added'; checkId: string; verdict: Verdict }
  | { kind: 'removed'; checkId: string };

export interface Changes {
  runId: number;
  previousRunId: number;
  previousStartedAt: string;
  changes: Change[];
}

export interface RunView {
  runId: number;
  run: RunSummary;
  checks: Check[];
  /** `null` for the first run of a URL and set-up. */
  changes: Changes | null;
}

export interface CheckArgs {
  accountId?: number;
  url: string;
  version: Version;
  mode: Mode;
  kit: boolean;
  publicKeyPem?: string;
  /** The page's name for the run, so `produce_progress` can show its checks as they finish. */
  progressToken?: string;
}

/** The checks of a running `produce_check` that have finished so far. */
export interface Progress {
  checks: Check[];
  /** The run has answered; nothing more will be added. */
  done: boolean;
}

// The unified-login tester (crates/api/src/login_tester.rs; docs/ipc.md, "The
// unified-login tester"). The client secret goes in with the setup and never comes back.

/** A test user of the tenant, as authSync would carry it. */
export interface TestUser {
  userName: string;
  name: string;
  orgCode?: string;
  role?: 'user' | 'admin';
  email?: string;
}

export interface LoginSetupArgs {
  tenantCode: string;
  tenantName: string;
  tenantId?: string;
  clientId: string;
  /** A test value the seller makes up; empty keeps the one registered before. */
  clientSecret?: string;
  redirectUri: string;
  users: TestUser[];
}

export type LoginVerdict = 'pass' | 'fail' | 'not-exercised';

export interface LoginCheck {
  /** Stable, e.g. "login.code-once". */
  id: string;
  doc: string;
  verdict: LoginVerdict;
  /** The rule the app is held to. */
  en: string;
  zhCN: string;
}

export interface LoginFinding {
  id: string;
  doc: string;
  /** What the app did wrong. */
  en: string;
  zhCN: string;
  at: string;
  /** What the app sent against what was expected, e.g. `{ sent, registered, step }`. */
  evidence: Record<string, unknown> | null;
}

export interface LoginReport {
  tenantCode: string;
  /** The tester's time: the sandbox's clock plus the offset. */
  now: string;
  clockOffsetSeconds: number;
  checks: LoginCheck[];
  findings: LoginFinding[];
}

export interface LoginTester {
  tenantCode: string;
  tenantId: string;
  tenantName: string;
  clientId: string;
  redirectUri: string;
  users: TestUser[];
  domainName: string;
  endpoints: { authorize: string; token: string; refresh: string; userinfo: string; logout: string };
  scope: string;
  expiresIn: number;
  codeLifetimeSeconds: number;
  report: LoginReport;
}

/** A product's saved endpoint settings (`store::produce_endpoints`); the key stays per account. */
export interface SavedEndpoint {
  accountId: number;
  productId: string;
  productName: string;
  url: string;
  version: Version;
  mode: Mode;
  kit: boolean;
  publicKeyPem: string | null;
  updatedAt: string;
}

/** Where a product on the SaaS page comes from. */
export type ProductSource = 'listing' | 'draft' | 'orders' | 'saved';

export interface SaasProduct {
  /** The KooGallery product id, or `draft-<id>` for a draft not listed yet. */
  productId: string;
  name: string;
  source: ProductSource;
  /** Known to be SaaS; null for a product only the orders name (they carry no type). */
  saas: boolean | null;
  /** Suggested for a first set-up: a joint-operation (Kit) product. */
  kit: boolean;
  /** Suggested for a first set-up, from the orders' charging mode. */
  mode: Mode | null;
  endpoint: SavedEndpoint | null;
}

export interface SaveEndpointArgs {
  accountId: number;
  productId: string;
  productName: string;
  url: string;
  version: Version;
  mode: Mode;
  kit: boolean;
  publicKeyPem?: string;
}

export interface SaasCommands {
  produce_targets: { args: Record<string, never>; result: Targets };
  produce_check: { args: CheckArgs; result: RunView };
  produce_progress: { args: { progressToken: string }; result: Progress };
  produce_runs: { args: { url: string; limit?: number }; result: RunSummary[] };
  produce_run: { args: { id: number }; result: RunView };
  login_tester_setup: { args: LoginSetupArgs; result: LoginTester };
  login_tester_report: { args: { tenantCode?: string }; result: LoginTester | null };
  login_tester_clock: { args: { tenantCode: string; advanceSeconds: number }; result: LoginTester };
  produce_products: { args: { accountId: number }; result: SaasProduct[] };
  save_produce_endpoint: { args: SaveEndpointArgs; result: SavedEndpoint };
}
