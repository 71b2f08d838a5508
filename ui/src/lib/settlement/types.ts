// Settlement DTOs as crates/api/src/settlement sends them; amounts are integer minor units.
import type { Outgoing, Words } from '../worklist/types';

export interface Totals {
  key: string;
  currency: string;
  grossMinor: number;
  feeMinor: number;
  taxMinor: number;
  netMinor: number;
  lines: number;
}

export interface Overview {
  months: Totals[];
  currencies: string[];
  byProduct: Totals[];
  byType: Totals[];
  bills: number;
  lines: number;
}

export interface BillRow {
  billId: string;
  period: string;
  site: string;
  currency: string;
  runDate: string | null;
  stage: 'bill_run' | 'review' | 'payment' | 'paid';
  grossMinor: number;
  feeMinor: number;
  taxMinor: number;
  netMinor: number;
  lineCount: number;
  source: 'sync' | 'import';
  revision: number;
  feeInvoice: FeeInvoice | null;
  jointOperation: boolean;
}

export type FeeInvoiceKind = 'digital_special' | 'digital_ordinary';

/** As the Seller Sync API sends it (snake_case inside). */
export interface FeeInvoice {
  kind: FeeInvoiceKind;
  status: 'requested' | 'issued';
  requested_at: string;
  issued_at: string | null;
}

export interface Step {
  key: 'gross' | 'customer_wht' | 'fee' | 'seller_wht' | 'dst' | 'net';
  minor: number;
}

export interface ScheduledStep {
  stage: BillRow['stage'];
  label: { en: string; zh: string };
  starts: string;
  ends: string;
}

export interface BillDetail extends BillRow {
  waterfall: Step[];
  linesMatchTotals: boolean;
  schedule: ScheduledStep[];
  feeInvoicePanel: { blocked: { en: string; zh: string } | null; outgoing: Outgoing };
}

export interface LineRow {
  id: number;
  billId: string;
  period: string;
  orderId: string;
  orderKind: string | null;
  productName: string;
  productType: string;
  currency: string;
  grossMinor: number;
  feeRatePpm: number | null;
  feeMinor: number;
  sellerWhtMinor: number;
  dstMinor: number;
  netMinor: number;
}

export interface Condition {
  key: 'paid' | 'repaid' | 'supervision' | 'effective' | 'certified' | 'cumulative_amount';
  label: { en: string; zh: string };
  pass: boolean;
  data: { en: string; zh: string };
  /** Stated by one source only: a possible reason, never what holds the order back. */
  second_reading?: boolean;
}

export interface SettlementOrderRow {
  orderId: string;
  productName: string;
  amount: { minor: number; currency: string } | null;
  billedIn: string | null;
  billable: boolean;
  heldBy: Condition | null;
  runDate: string | null;
  missedRun: boolean;
}

export interface WhyView extends SettlementOrderRow {
  conditions: Condition[];
  lines: LineRow[];
}

export type Field = string;

export interface ColumnMapping {
  index: number;
  header: string;
  field: Field | null;
  confidence: 'exact' | 'sub_header' | 'contains' | 'manual' | 'unmapped';
  why: string;
  currency_hint: string | null;
}

export interface Mapping {
  columns: ColumnMapping[];
  default_currency: string | null;
}

export interface ImportRecord {
  id: number;
  fileName: string;
  fileSha256: string;
  encoding: string | null;
  rows: number;
  imported: number;
  duplicates: number;
  errors: number;
  archivedAs: string;
  importedAt: string;
}

export interface ImportPreview {
  fileName: string;
  fileSha256: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  sheet: string | null;
  sheets: string[];
  headerRows: number[];
  mapping: Mapping;
  unmapped: { index: number; header: string }[];
  missingRequired: { any_of: Field[]; message: string }[];
  notes: { kind: string; row: number | null; currency: string | null; text: string }[];
  rows: number;
  newLines: number;
  alreadyStored: number;
  rowsWithErrors: number;
  warnings: number;
  problems: { row: number; column: string; message: string; severity: 'error' | 'warning'; kind: string }[];
  problemCount: number;
  sampleFields: Field[];
  sample: { row: number; cells: string[]; ok: boolean }[];
  adds: { currency: string; lines: number; grossMinor: number; feeMinor: number; netMinor: number }[];
  previous: ImportRecord | null;
  fields: { key: Field; zh: string; en: string }[];
}

export interface ImportOutcome {
  import: ImportRecord;
  imported: number;
  duplicates: number;
  skippedErrors: number;
  skippedSynced: number;
  bills: string[];
}

export type VarianceCause = 'missing' | 'extra' | 'amount_differs' | 'net_differs' | 'period_differs';

export interface VarianceRow {
  orderId: string;
  cause: VarianceCause;
  expectedPeriod: string | null;
  actualPeriod: string | null;
  expectedMinor: number;
  actualMinor: number;
  differenceMinor: number;
  label: { en: string; zh: string };
  billId: string | null;
  productName: string;
  currency: string;
}

export interface Reconciliation {
  asOf: string;
  expectedLines: number;
  actualLines: number;
  matched: number;
  byCause: { cause: VarianceCause; count: number; differenceMinor: number }[];
  varianceCount: number;
  variances: VarianceRow[];
}

export interface CalendarView {
  holidays: string[];
  makeupWorkdays: string[];
  edited: boolean;
  year: number;
  runs: { month: string; cn: string; intl: string }[];
}

export type ExportView = 'bills' | 'bill_lines' | 'months' | 'by_product' | 'by_type' | 'held' | 'reconcile';

export interface Exported {
  fileName: string;
  mime: string;
  base64: string;
  rows: number;
  savedTo: string | null;
}

type Acc = { accountId: number };

export interface SettlementCommands {
  settlement_overview: { args: Acc & { period?: string }; result: Overview };
  list_bills: { args: Acc; result: BillRow[] };
  get_bill: { args: Acc & { billId: string }; result: BillDetail };
  bill_lines: { args: Acc & { billId: string; offset: number; limit: number }; result: { lines: LineRow[]; total: number; offset: number } };
  settlement_orders: { args: Acc; result: SettlementOrderRow[] };
  why_not_billed: { args: Acc & { orderId: string }; result: WhyView };
  import_preview: {
    args: Acc & { fileName: string; base64?: string; fileSha256?: string; mapping?: Mapping; sheet?: string | null };
    result: ImportPreview;
  };
  import_commit: { args: Acc & { fileName: string; fileSha256: string; mapping: Mapping; sheet?: string | null }; result: ImportOutcome };
  bill_imports: { args: Acc; result: ImportRecord[] };
  export_view: { args: Acc & { view: ExportView; billId?: string; format: 'csv' | 'xlsx'; save?: boolean; saveTo?: string }; result: Exported };
  reconcile_bills: { args: Acc & { billId?: string; limit?: number }; result: Reconciliation };
  get_working_calendar: { args: { year?: number }; result: CalendarView };
  set_working_calendar: { args: { holidays: string[]; makeupWorkdays: string[]; year?: number }; result: CalendarView };
  reset_working_calendar: { args: { year?: number }; result: CalendarView };
  request_fee_invoice: { args: Acc & { billId: string; kind: FeeInvoiceKind }; result: BillDetail };
}

export type { Words };
