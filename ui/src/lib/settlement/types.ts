// Settlement DTOs as crates/api/src/settlement sends them; amounts are integer minor units.
import type { Words } from '../worklist/types';

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
}

export interface Step {
  key: 'gross' | 'customer_wht' | 'fee' | 'seller_wht' | 'dst' | 'net';
  minor: number;
}

export interface BillDetail extends BillRow {
  waterfall: Step[];
  linesMatchTotals: boolean;
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
  key: 'paid' | 'repaid' | 'supervision' | 'effective' | 'certified';
  label: { en: string; zh: string };
  pass: boolean;
  data: { en: string; zh: string };
}

export interface SettlementOrderRow {
  orderId: string;
  productName: string;
  amount: { minor: number; currency: string } | null;
  billedIn: string | null;
  billable: boolean;
  heldBy: Condition | null;
  runDate: string | null;
}

export interface WhyView extends SettlementOrderRow {
  conditions: Condition[];
  lines: LineRow[];
}

type Acc = { accountId: number };

export interface SettlementCommands {
  settlement_overview: { args: Acc & { period?: string }; result: Overview };
  list_bills: { args: Acc; result: BillRow[] };
  get_bill: { args: Acc & { billId: string }; result: BillDetail };
  bill_lines: { args: Acc & { billId: string; offset: number; limit: number }; result: { lines: LineRow[]; total: number; offset: number } };
  settlement_orders: { args: Acc; result: SettlementOrderRow[] };
  why_not_billed: { args: Acc & { orderId: string }; result: WhyView };
}

export type { Words };
