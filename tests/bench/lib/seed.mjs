// Fills a Gallerist data folder the way a busy seller's looks: 1,000 listing drafts and
// a year of bills, through the app's own commands (`gallerist serve`, web mode), so the
// folder is exactly what the app would have written, migrations and demo account included.
import { spawn } from 'node:child_process';

export const DRAFTS = 1_000;
export const MONTHS = 12;
export const LINES_PER_BILL = 1_000;

const PRODUCT_TYPES = ['saas', 'saas_joint', 'license', 'image', 'manual_service', 'consulting', 'hardware', 'api'];

async function call(url, command, args) {
  const r = await fetch(`${url}/api/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(`${command} failed (${r.status}): ${JSON.stringify(body)}`);
  return body;
}

/** The twelve months before `today`'s month, oldest first, as [year, month]. */
export function lastYear(today) {
  const months = [];
  for (let back = MONTHS; back >= 1; back--) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    months.push([d.getUTCFullYear(), d.getUTCMonth() + 1]);
  }
  return months;
}

/** A console bill export (the 账单明细 CSV layout the bridge reads): one bill per month. */
export function billCsv(months) {
  const rows = ['账单编号,账期,订单号,商品名称,商品类型,币种,不含税金额,平台服务费比例,平台服务费,结算金额'];
  const money = (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  months.forEach(([year, month], m) => {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    for (let i = 0; i < LINES_PER_BILL; i++) {
      const n = m * LINES_PER_BILL + i;
      const sales = 1_000 + ((n * 7_919) % 5_000_000);
      const fee = Math.floor((sales * 13) / 100);
      rows.push(`B${period.replace('-', '')}-BENCH,${period},CS${period.replace('-', '')}${String(i).padStart(7, '0')},Gallerist Bench SaaS ${n % 7},SaaS,CNY,${money(sales)},13%,${money(fee)},${money(sales - fee)}`);
    }
  });
  return `${rows.join('\n')}\n`;
}

/** Starts web mode on `dataDir`, adds the drafts and the bills, stops it; answers what was added. */
export async function seed(bin, uiDist, dataDir, today) {
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--ui', uiDist], {
    env: { ...process.env, GALLERIST_DATA_DIR: dataDir, GALLERIST_LOCALE: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gallerist serve did not start:\n${output}`)), 120_000);
      child.stdout.setEncoding('utf8').on('data', (d) => {
        output += d;
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
      });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`gallerist serve exited (${code}):\n${output}`)); });
    });
    const accountId = (await call(url, 'list_accounts', {})).find((a) => a.isSandbox).id;
    // Four at a time: the core takes them on its blocking pool, as the window would.
    let next = 0;
    const worker = async () => {
      while (next < DRAFTS) {
        const i = next++;
        await call(url, 'create_draft', { productType: PRODUCT_TYPES[i % PRODUCT_TYPES.length] });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);

    const csv = Buffer.from(billCsv(lastYear(today)), 'utf8');
    const fileName = 'bench-bills.csv';
    const preview = await call(url, 'import_preview', { accountId, fileName, base64: csv.toString('base64') });
    if (preview.missingRequired?.length) throw new Error(`the bench bill file misses ${preview.missingRequired}`);
    const done = await call(url, 'import_commit', { accountId, fileName, fileSha256: preview.fileSha256, mapping: preview.mapping });
    const drafts = (await call(url, 'list_drafts', {})).rows.length;
    const bills = (await call(url, 'list_bills', { accountId })).length;
    return { drafts, bills, billLines: done.imported };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // graceful: the core shuts down and lets go of the folder
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }
}
