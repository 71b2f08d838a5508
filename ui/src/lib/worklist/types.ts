// The worklist's DTOs as crates/api/src/worklist sends them: texts come in both UI
// languages ({ en, zhCN }), money as integer minor units with a currency.

export interface Words {
  en: string;
  zhCN: string;
}

export interface Money {
  minor: number;
  currency: string;
}

export type Actor = 'buyer' | 'seller' | 'platform';

export interface Outgoing {
  queued: number;
  refused: { outboxId: number; reason: string } | null;
}

export interface CaseSummary {
  id: string;
  orderId: string;
  productName: string;
  buyer: string;
  amount: Money;
  flow: unknown;
  flowLabel: Words;
  node: string;
  nodeLabel: Words;
  whoseStep: Actor | null;
  nodeSince: string;
  frozen: boolean;
  appeal: { now: boolean; why: Words; opensAfter: string | null };
  autoAcceptAt: string | null;
  requirementRejections: number;
  deliveryRejections: number;
  lastRejectionReason: string | null;
  supervisionStatus: Words;
  releasesBilling: boolean;
  validityStart: string | null;
  outgoing: Outgoing;
}

export interface ProofFile {
  sha256: string;
  name: string;
  size: number;
  kind: string;
}

export interface ProofDraft {
  text: string;
  actualStart: string | null;
  attachments: ProofFile[];
  updatedAt: string | null;
}

export type ActionName = 'confirm_requirements' | 'reject_requirements' | 'deliver' | 'ship' | 'activate_auth_code' | 'appeal';

export interface CaseAction {
  action: ActionName;
  allowed: boolean;
  whyNot: Words | null;
}

export interface Moment {
  at: string;
  actor: Actor;
  actorLabel: Words;
  from: Words;
  to: Words;
}

export interface CaseView extends CaseSummary {
  requirements: string[];
  delivery: { acceptance_document: string; attachments: string[]; actual_start: string | null } | null;
  shipment: { courier: string; tracking_number: string; recipient_phone: string; signed_off_at: string | null } | null;
  pendingAppeal: { by: Actor; reason: string; filed_at: string } | null;
  files: ProofFile[];
  actions: CaseAction[];
  timeline: Moment[];
  proof: ProofDraft;
  proofTemplate: Words;
}

export type SellerStep =
  | { kind: 'confirm_requirements' }
  | { kind: 'reject_requirements'; reason: string }
  | { kind: 'activate_auth_code' }
  | { kind: 'ship'; courier: string; tracking_number: string; recipient_phone: string };

/** A buyer's or the platform's step in the domain's serde form. */
export type OtherStep =
  | { submit_requirements: { documents: string[] } }
  | 'accept'
  | { reject_delivery: { reason: string } }
  | 'confirm_order'
  | 'auto_accept'
  | 'approve_acceptance'
  | { return_acceptance: { reason: string } };

export interface InvoiceKind {
  invoice_type: 'vat_ordinary' | 'vat_special';
  medium: 'paper' | 'electronic' | 'all_digital';
}

export interface InvoiceRequestView {
  id: string;
  orderId: string;
  productName: string;
  buyer: string;
  title: string;
  taxpayerId: string | null;
  address: string | null;
  kind: InvoiceKind;
  kindLabel: Words;
  amount: Money;
  status: 'requested' | 'issued' | 'returned' | 'revoked';
  statusLabel: Words;
  requestedAt: string;
  lastDay: string;
  deadline: string;
  secondsLeft: number;
  overdue: boolean;
  dueSoon: boolean;
  postage: Words | null;
  invoiceNumber: string | null;
  issuedAt: string | null;
  issuedLate: boolean;
  reason: string | null;
  outgoing: Outgoing;
}

export interface InvoicingList {
  id: string;
  billPeriod: string;
  list: { payment_request: string; huawei_entity: string; amount: Money; tax_rate_bp: number };
  mailbox: string;
}

export interface SellerInvoice {
  number: string;
  invoice_type: 'vat_special' | 'vat_ordinary';
  buyer_name: string;
  amount: Money;
  tax_rate_bp: number;
  payment_requests: string[];
  seller_name: string;
  seller_taxpayer_id: string;
}

export interface Certified {
  company_name: string;
  taxpayer_id: string;
}

export type ContactRole = 'business' | 'finance' | 'customer_service' | 'after_sales';

export interface Reception {
  days: string[];
  from: string;
  to: string;
}

export interface ContactSettings {
  contacts: { role: ContactRole; name: string; email: string; phone: string | null }[];
  pre_sales: { extension: string; bound_phone: string; reception: Reception } | null;
  tickets: Reception | null;
}

export interface FieldProblem {
  field: string;
  message: Words;
}

export interface KindOption {
  kind: InvoiceKind;
  label: Words;
  offered: boolean;
  greyedBecause: Words | null;
}

export interface ContactsView {
  settings: ContactSettings;
  invoiceKinds: InvoiceKind[];
  kindOptions: KindOption[];
  certified: Certified;
  revision: number;
  problems: FieldProblem[];
  outgoing: Outgoing;
}

export interface ActionItem {
  kind: 'invoice_due' | 'invoice_overdue' | 'case_seller_step' | 'case_appealable' | 'case_auto_accept';
  id: string;
  title: Words;
  detail: Words;
  dueAt: string | null;
  urgent: boolean;
}

type Acc = { accountId: number };

export interface WorklistCommands {
  list_cases: { args: Acc; result: CaseSummary[] };
  get_case: { args: Acc & { caseId: string }; result: CaseView };
  case_step: { args: Acc & { caseId: string; step: SellerStep }; result: CaseView };
  appeal_case: { args: Acc & { caseId: string; reason: string }; result: CaseView };
  save_proof: { args: Acc & { caseId: string; text: string; actualStart: string | null }; result: ProofDraft };
  attach_proof_file: { args: Acc & { caseId: string; name: string; base64: string }; result: ProofDraft };
  remove_proof_file: { args: Acc & { caseId: string; sha256: string }; result: ProofDraft };
  deliver_proof: { args: Acc & { caseId: string }; result: CaseView };
  list_invoice_requests: { args: Acc; result: InvoiceRequestView[] };
  invoice_action: {
    args: Acc & { requestId: string; action: 'issue' | 'revoke' | 'return'; number?: string; amount?: string; reason?: string };
    result: InvoiceRequestView;
  };
  invoicing_lists: { args: Acc; result: InvoicingList[] };
  precheck_joint_invoice: {
    args: Acc & { listId: string; invoices: SellerInvoice[] };
    result: { ok: boolean; problems: Words[]; certified: Certified };
  };
  get_contacts: { args: Acc; result: ContactsView };
  check_contacts: { args: Acc & { settings: ContactSettings; invoiceKinds: InvoiceKind[] }; result: FieldProblem[] };
  save_contacts: { args: Acc & { settings: ContactSettings; invoiceKinds: InvoiceKind[] }; result: ContactsView };
  needs_action: { args: Acc; result: ActionItem[] };
  due_notices: { args: Acc; result: ActionItem[] };
  sandbox_case_act: { args: { caseId: string; actor: Actor; op: OtherStep }; result: unknown };
  sandbox_open_case: {
    args: { flow: string; product_name: string; profile: 'prompt' | 'picky' | 'slow'; amount: Money; order_phone: null; opened_at: null };
    result: { id: string };
  };
}
