// The unified-login panel's pure parts: the test tenant as the form keeps it (prefilled
// so one click registers a tenant that works), why it cannot be sent yet, the
// command's arguments, the "Try it in your browser" authorize link with a fresh state,
// and a finding's evidence in the seller's words. Randomness and time come in as
// arguments, so Vitest holds each to account.
import type { Locale } from '../backend/types';
import { catalogs, interpolate, type MessageKey } from '../i18n/index.svelte';
import type { LoginSetupArgs, LoginTester, LoginVerdict } from './types';

export interface UserRow {
  userName: string;
  name: string;
  orgCode: string;
  role: 'user' | 'admin';
  email: string;
}

export interface TenantForm {
  tenantCode: string;
  tenantName: string;
  tenantId: string;
  clientId: string;
  /** Made up by the seller (prefilled with a random one); empty keeps the registered one. */
  clientSecret: string;
  redirectUri: string;
  users: UserRow[];
}

/** Steps the clock moves by: past a code's lifetime, past an access token's. */
export const CLOCK_STEPS = [600, 7200] as const;

/** How often the open panel asks for the report. */
export const REPORT_POLL_MS = 2000;

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function text(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalogs[locale][key], params);
}

/** A tenant that registers in one click: `random` (≥ 21 bytes) makes its id and secret. */
export function defaultForm(random: Uint8Array, locale: Locale): TenantForm {
  return {
    tenantCode: 'demo-tenant',
    tenantName: text(locale, 'saas.login.default.tenantName'),
    tenantId: hex(random.slice(0, 5)),
    clientId: 'my-saas-app',
    clientSecret: `test-${hex(random.slice(5, 21))}`,
    redirectUri: 'http://127.0.0.1:3000/callback',
    users: [
      { userName: 'zhangsan', name: text(locale, 'saas.login.default.admin'), orgCode: 'SALES', role: 'admin', email: 'zhangsan@example.com' },
      { userName: 'lisi', name: text(locale, 'saas.login.default.user'), orgCode: 'OPS', role: 'user', email: '' },
    ],
  };
}

export function blankUser(): UserRow {
  return { userName: '', name: '', orgCode: '', role: 'user', email: '' };
}

/** A registered tenant back in the form; the secret left empty, which keeps it. */
export function formOf(view: LoginTester): TenantForm {
  return {
    tenantCode: view.tenantCode,
    tenantName: view.tenantName,
    tenantId: view.tenantId,
    clientId: view.clientId,
    clientSecret: '',
    redirectUri: view.redirectUri,
    users: view.users.map((u) => ({
      userName: u.userName,
      name: u.name,
      orgCode: u.orgCode ?? '',
      role: u.role === 'admin' ? 'admin' : 'user',
      email: u.email ?? '',
    })),
  };
}

export type FormProblem =
  | 'saas.login.need.tenantCode'
  | 'saas.login.need.tenantName'
  | 'saas.login.need.clientId'
  | 'saas.login.need.secret'
  | 'saas.login.need.redirect'
  | 'saas.login.need.users'
  | 'saas.login.need.user'
  | 'saas.login.need.unique';

/** Why the tenant cannot be registered yet (a message key), or null when it can. */
export function formProblem(f: TenantForm, registered: LoginTester | null): FormProblem | null {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(f.tenantCode.trim())) return 'saas.login.need.tenantCode';
  if (f.tenantName.trim() === '') return 'saas.login.need.tenantName';
  if (f.clientId.trim() === '') return 'saas.login.need.clientId';
  const keeps = registered !== null && registered.tenantCode === f.tenantCode.trim();
  if (f.clientSecret.trim() === '' && !keeps) return 'saas.login.need.secret';
  if (!/^https?:\/\/[^/\s#]+[^\s#]*$/i.test(f.redirectUri.trim())) return 'saas.login.need.redirect';
  if (f.users.length === 0) return 'saas.login.need.users';
  if (f.users.some((u) => u.userName.trim() === '' || u.name.trim() === '')) return 'saas.login.need.user';
  const names = f.users.map((u) => u.userName.trim());
  if (new Set(names).size !== names.length) return 'saas.login.need.unique';
  return null;
}

/** The command's arguments: trimmed, with optional fields only when filled in. */
export function setupArgs(f: TenantForm): LoginSetupArgs {
  const args: LoginSetupArgs = {
    tenantCode: f.tenantCode.trim(),
    tenantName: f.tenantName.trim(),
    clientId: f.clientId.trim(),
    redirectUri: f.redirectUri.trim(),
    users: f.users.map((u) => ({
      userName: u.userName.trim(),
      name: u.name.trim(),
      role: u.role,
      ...(u.orgCode.trim() ? { orgCode: u.orgCode.trim() } : {}),
      ...(u.email.trim() ? { email: u.email.trim() } : {}),
    })),
  };
  if (f.tenantId.trim()) args.tenantId = f.tenantId.trim();
  if (f.clientSecret.trim()) args.clientSecret = f.clientSecret.trim();
  return args;
}

/** The authorize request the seller's app would send, with `state`. */
export function authorizeLink(view: LoginTester, state: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: view.clientId,
    redirect_uri: view.redirectUri,
    scope: view.scope,
    state,
  });
  return `${view.endpoints.authorize}?${query.toString()}`;
}

/** A fresh state: `random` in hex, never one the tester has seen come back. */
export function newState(random: Uint8Array): string {
  return hex(random);
}

export const LOGIN_VERDICT_LABEL: Record<LoginVerdict, MessageKey> = {
  pass: 'saas.verdict.pass',
  fail: 'saas.verdict.fail',
  'not-exercised': 'saas.login.verdict.notExercised',
};

/** Passed green, failed red, not yet tried grey. */
export const LOGIN_VERDICT_TONE = { pass: 'ok', fail: 'failed', 'not-exercised': 'draft' } as const;

const EVIDENCE_LABEL: Record<string, MessageKey> = {
  step: 'saas.login.evidence.step',
  sent: 'saas.login.evidence.sent',
  registered: 'saas.login.evidence.registered',
  issuedFor: 'saas.login.evidence.issuedFor',
  reused: 'saas.login.evidence.reused',
  code: 'saas.login.evidence.code',
  sentClientId: 'saas.login.evidence.sentClientId',
  secretMatched: 'saas.login.evidence.secretMatched',
  expiredAt: 'saas.login.evidence.expiredAt',
  presentedAgainAt: 'saas.login.evidence.presentedAgainAt',
};

const TIMES = new Set(['expiredAt', 'presentedAgainAt']);

export interface EvidenceRow {
  key: string;
  label: string;
  value: string;
  /** Shown as code (what was sent on the wire) rather than as words. */
  mono: boolean;
}

/**
 * What the app sent, one row per fact, the step first; `formatTime` renders the
 * tester's times in the seller's format. Unknown facts keep their own name.
 */
export function evidenceRows(
  evidence: Record<string, unknown> | null,
  locale: Locale,
  formatTime: (iso: string) => string,
): EvidenceRow[] {
  if (!evidence) return [];
  const keys = Object.keys(evidence).sort((a, b) => (a === 'step' ? -1 : b === 'step' ? 1 : 0));
  return keys.map((key) => {
    const raw = evidence[key];
    const label = EVIDENCE_LABEL[key] ? text(locale, EVIDENCE_LABEL[key]) : key;
    if (raw === null || raw === undefined || raw === '') {
      return { key, label, value: text(locale, 'saas.login.evidence.nothing'), mono: false };
    }
    if (typeof raw === 'boolean') {
      return { key, label, value: text(locale, raw ? 'saas.login.evidence.yes' : 'saas.login.evidence.no'), mono: false };
    }
    if (typeof raw === 'string' && TIMES.has(key)) return { key, label, value: formatTime(raw), mono: false };
    return { key, label, value: typeof raw === 'string' ? raw : JSON.stringify(raw), mono: true };
  });
}

/** A clock step or offset in words: "10 min", "2 h", "1 d 2 h". */
export function durationText(seconds: number, locale: Locale): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: string[] = [];
  if (d) parts.push(text(locale, 'saas.login.unit.d', { n: d }));
  if (h) parts.push(text(locale, 'saas.login.unit.h', { n: h }));
  if (m) parts.push(text(locale, 'saas.login.unit.min', { n: m }));
  if (s || parts.length === 0) parts.push(text(locale, 'saas.login.unit.s', { n: s }));
  return parts.join(' ');
}
