// Chart options built from dashboard DTOs. Pure functions, so the shapes and the
// exact tooltip amounts can be unit-tested without a canvas.
import type { Dashboard } from '../backend/types';
import { formatAxisAmount } from '../format/money';
import { formatAmount, formatCount, formatMonth } from '../i18n/format';
import type { ChartOption } from './echarts';
import type { ChartPalette } from './palette';

export interface PerMonthLabels {
  count: string;
  amount: (currency: string) => string;
  note: string;
}

export interface MonthRow {
  month: string;
  count: number;
  /** Exact amounts for this month, one per currency present in the data. */
  amounts: { amount: string; currency: string }[];
}

/** Folds perMonth (one entry per month and currency) into one row per month, oldest first. */
export function monthRows(perMonth: Dashboard['perMonth']): MonthRow[] {
  const rows = new Map<string, MonthRow>();
  for (const p of perMonth) {
    let row = rows.get(p.month);
    if (!row) {
      row = { month: p.month, count: 0, amounts: [] };
      rows.set(p.month, row);
    }
    row.count += p.count;
    row.amounts.push({ amount: p.amount, currency: p.currency });
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export function currencies(perMonth: Dashboard['perMonth']): string[] {
  return [...new Set(perMonth.map((p) => p.currency))].sort();
}

export function tipRow(doc: Document, swatch: string, label: string, value: string): HTMLElement {
  const row = doc.createElement('div');
  row.className = 'chart-tip-row';
  const left = doc.createElement('span');
  left.className = 'chart-tip-label';
  const sw = doc.createElement('span');
  sw.className = `chart-tip-swatch ${swatch}`;
  left.append(sw, label);
  const right = doc.createElement('span');
  right.className = 'chart-tip-value';
  right.textContent = value;
  row.append(left, right);
  return row;
}

/** The tooltip as DOM (no HTML strings, no inline styles: CSP-safe). */
export function monthTooltip(doc: Document, row: MonthRow, locale: string, labels: PerMonthLabels): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'chart-tip';
  const title = doc.createElement('div');
  title.className = 'chart-tip-title';
  title.textContent = formatMonth(row.month, locale, 'long');
  box.append(title, tipRow(doc, 'count', labels.count, formatCount(row.count, locale)));
  for (const a of row.amounts) {
    box.append(tipRow(doc, 'gross', labels.amount(a.currency), formatAmount(a.amount, a.currency, locale)));
  }
  const note = doc.createElement('div');
  note.className = 'chart-tip-note';
  note.textContent = labels.note;
  box.append(note);
  return box;
}

export function perMonthOption(
  perMonth: Dashboard['perMonth'],
  locale: string,
  palette: ChartPalette,
  labels: PerMonthLabels,
  doc: Document = document,
): ChartOption {
  const rows = monthRows(perMonth);
  const ccys = currencies(perMonth);
  const text = { color: palette.mutedText, fontFamily: palette.fontFamily, fontSize: 12 };
  return {
    animationDuration: 300,
    textStyle: { fontFamily: palette.fontFamily },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 12,
      itemHeight: 10,
      textStyle: { color: palette.text, fontFamily: palette.fontFamily, fontSize: 12 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: palette.pointer } },
      backgroundColor: palette.tooltipBg,
      borderColor: palette.tooltipBorder,
      padding: [8, 12],
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const row = rows[first?.dataIndex ?? 0];
        return row ? monthTooltip(doc, row, locale, labels) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => formatMonth(r.month, locale, 'short')),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: text,
    },
    yAxis: [
      {
        type: 'value',
        minInterval: 1,
        axisLabel: { ...text, formatter: (v: number) => formatCount(v, locale) },
        splitLine: { lineStyle: { color: palette.splitLine } },
      },
      {
        type: 'value',
        // Whole currency units, grouped, with the currency named on the axis (lib/format/money.ts).
        name: ccys.join(' / '),
        nameTextStyle: text,
        axisLabel: { ...text, formatter: (v: number) => formatAxisAmount(v, locale) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: labels.count,
        type: 'bar',
        yAxisIndex: 0,
        barMaxWidth: 28,
        itemStyle: { color: palette.count, borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => r.count),
      },
      ...ccys.map((ccy) => ({
        name: labels.amount(ccy),
        type: 'line' as const,
        yAxisIndex: 1,
        smooth: false,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2, color: palette.gross },
        itemStyle: { color: palette.gross },
        // Plotting needs numbers; every figure a person reads comes from the exact strings.
        data: rows.map((r) => Number(r.amounts.find((a) => a.currency === ccy)?.amount ?? 0)),
      })),
    ],
  };
}

export interface BreakdownItem {
  /** The code (NEW, PERIOD, …), passed back on click. */
  code: string;
  label: string;
  count: number;
}

export function breakdownOption(
  items: BreakdownItem[],
  locale: string,
  palette: ChartPalette,
  seriesName: string,
  doc: Document = document,
): ChartOption {
  // Largest at the top: ECharts draws category axes bottom-up.
  const sorted = [...items].sort((a, b) => a.count - b.count);
  const text = { color: palette.text, fontFamily: palette.fontFamily, fontSize: 12 };
  return {
    animationDuration: 300,
    textStyle: { fontFamily: palette.fontFamily },
    grid: { left: 8, right: 48, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      backgroundColor: palette.tooltipBg,
      borderColor: palette.tooltipBorder,
      textStyle: { color: palette.text, fontFamily: palette.fontFamily },
      formatter: (p) => {
        const one = Array.isArray(p) ? p[0] : p;
        const item = sorted[one?.dataIndex ?? 0];
        if (!item) return '';
        const box = doc.createElement('div');
        box.className = 'chart-tip';
        box.append(tipRow(doc, 'count', item.label, formatCount(item.count, locale)));
        return box;
      },
    },
    xAxis: { type: 'value', show: false, minInterval: 1 },
    yAxis: {
      type: 'category',
      data: sorted.map((i) => i.code),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { ...text, formatter: (code: string) => sorted.find((i) => i.code === code)?.label ?? code },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: palette.count, borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          color: palette.text,
          fontFamily: palette.fontFamily,
          formatter: (p: { value: unknown }) => formatCount(Number(p.value), locale),
        },
        data: sorted.map((i) => i.count),
      },
    ],
  };
}
