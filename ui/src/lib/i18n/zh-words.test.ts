// Chinese strings are Chinese: a seller reading zh-CN met "Seller Sync API" in a dozen
// strings (and three Chinese names for it), English cell messages, and 你 beside 您.
// Latin words are allowed only where Chinese sellers meet them as names or codes:
// product and brand names, file formats, protocol fields, site and unit codes.
import { describe, expect, it } from 'vitest';
import zhCN from './catalogs/zh-CN.json';

/** Names and protocol words a Chinese seller reads as they are. */
const ALLOWED = new Set([
  // products, brands, programs
  'Gallerist', 'gallerist', 'serve', 'SaaS', 'Kit', 'License', 'Logo', 'Stack', 'OAuth', 'Markdown', 'Office', 'Excel', 'Windows', 'English',
  // OAuth / SaaS-interface fields, written as the protocol names them
  'client', 'secret', 'state', 'token', 'userinfo', 'code', 'redirect', 'url', 'type', 'grant', 'tenant', 'id', 'Authorization', 'Bearer',
  // addresses, files, keys
  'http', 'https', 'example', 'com', 'xlsx', 'csv', 'Ctrl', 's', 'C', 'V',
]);

/** Whole phrases that are product names. */
const PHRASES = [/\bOpen API\b/g];

function latinWords(text: string): string[] {
  let rest = text.replace(/\{\w+\}/g, ' ');
  for (const p of PHRASES) rest = rest.replace(p, ' ');
  return rest.match(/[A-Za-z][A-Za-z0-9_.\-]*/g) ?? [];
}

/** A code reads as a code: ACRONYMS (SKU, CN, PEM), camelCase or snake_case fields, file names. */
const isCode = (w: string) => /^[A-Z0-9-]+$/.test(w) || /\d/.test(w) || /[a-z][A-Z]/.test(w) || /[_.]/.test(w) || /-$/.test(w);

describe('zh-CN catalog', () => {
  it('has no English word outside the names-and-codes allow-list', () => {
    const english = Object.entries(zhCN as Record<string, string>).flatMap(([k, v]) =>
      latinWords(v)
        .filter((w) => !isCode(w) && !ALLOWED.has(w))
        .map((w) => `${k}: ${w}`),
    );
    expect(english).toEqual([]);
  });

  it('calls the Seller Sync API one thing: 卖家同步接口', () => {
    const named = Object.entries(zhCN as Record<string, string>).filter(([, v]) => /Seller Sync|同步 ?API|卖家同步(?!接口)/.test(v));
    expect(named.map(([k]) => k)).toEqual([]);
  });

  it('addresses the seller as 您, never 你', () => {
    expect(Object.entries(zhCN as Record<string, string>).filter(([, v]) => v.includes('你')).map(([k]) => k)).toEqual([]);
  });
});
