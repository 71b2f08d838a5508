// ECharts options for settlements: the monthly gross / fee / tax / net trend of one
// currency, and one bill's waterfall from gross to net. Plotting needs numbers; the
// figures a person reads in tooltips come from exact minor units.
import type { ChartOption } from '../charts/echarts';
import { tipRow } from '../charts/options';
import type { ChartPalette } from '../charts/palette';
import { formatMonth } from '../i18n/format';
import { formatAxisAmount, formatMinor } from '../format/money';
import type { Step, Totals } from './types';

export interface TrendLabels {
  gross: string;
  fee: string;
  tax: string;
  net: string;
}

function axisText(palette: ChartPalette) {
  return { color: palette.mutedText, fontFamily: palette.fontFamily, fontSize: 12 };
}

/** The one amount axis: whole units, grouped, the currency code as the axis name. */
function amountAxis(currency: string, locale: string, palette: ChartPalette) {
  return {
    type: 'value' as const,
    name: currency,
    nameTextStyle: axisText(palette),
    axisLabel: { ...axisText(palette), formatter: (v: number) => formatAxisAmount(v, locale) },
    splitLine: { lineStyle: { color: palette.splitLine } },
  };
}

/** One month's figures as DOM (no HTML strings, no inline styles: CSP-safe). */
export function trendTooltip(doc: Document, row: Totals, locale: string, labels: TrendLabels): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'chart-tip';
  const title = doc.createElement('div');
  title.className = 'chart-tip-title';
  title.textContent = formatMonth(row.key, locale, 'long');
  const money = (minor: number) => formatMinor(minor, row.currency, locale);
  box.append(
    title,
    tipRow(doc, 'gross', labels.gross, money(row.grossMinor)),
    tipRow(doc, 'fee', labels.fee, money(row.feeMinor)),
    tipRow(doc, 'tax', labels.tax, money(row.taxMinor)),
    tipRow(doc, 'net', labels.net, money(row.netMinor)),
  );
  return box;
}

export function trendOption(months: Totals[], currency: string, locale: string, palette: ChartPalette, labels: TrendLabels): ChartOption {
  const rows = months.filter((m) => m.currency === currency);
  const series = (name: string, color: string, pick: (t: Totals) => number) => ({
    name,
    type: 'bar' as const,
    barMaxWidth: 18,
    itemStyle: { color, borderRadius: [2, 2, 0, 0] },
    data: rows.map((r) => pick(r) / 100),
  });
  return {
    animationDuration: 300,
    textStyle: { fontFamily: palette.fontFamily },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: palette.text, fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: palette.pointer } },
      backgroundColor: palette.tooltipBg,
      borderColor: palette.tooltipBorder,
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const row = rows[first?.dataIndex ?? 0];
        return row ? trendTooltip(document, row, locale, labels) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => formatMonth(r.key, locale, 'short')),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisLabel: axisText(palette),
    },
    yAxis: amountAxis(currency, locale, palette),
    series: [
      series(labels.gross, palette.gross, (r) => r.grossMinor),
      series(labels.fee, palette.fee, (r) => r.feeMinor),
      series(labels.tax, palette.tax, (r) => r.taxMinor),
      series(labels.net, palette.net, (r) => r.netMinor),
    ],
  };
}

/** Invisible bases under visible steps: gross up, each deduction down, net up. */
export function waterfallBars(steps: Step[]): { base: number[]; value: number[] } {
  const base: number[] = [];
  const value: number[] = [];
  let level = 0;
  for (const s of steps) {
    if (s.key === 'gross' || s.key === 'net') {
      base.push(0);
      value.push(s.minor);
      level = s.minor;
    } else {
      level += s.minor;
      base.push(level);
      value.push(Math.abs(s.minor));
    }
  }
  return { base, value };
}

/** International taxes (customer WHT, seller WHT, DST) never apply to a CN bill; a step
 *  that is zero is left out rather than drawn as an empty column. Gross and net stay. */
export function shownSteps(steps: Step[]): Step[] {
  return steps.filter((s) => s.key === 'gross' || s.key === 'net' || s.minor !== 0);
}

export function waterfallOption(
  all: Step[],
  currency: string,
  palette: ChartPalette,
  label: (key: Step['key']) => string,
  locale = 'en',
): ChartOption {
  const steps = shownSteps(all);
  const { base, value } = waterfallBars(steps);
  const colors: Record<Step['key'], string> = {
    gross: palette.gross,
    customer_wht: palette.tax,
    fee: palette.fee,
    seller_wht: palette.tax,
    dst: palette.tax,
    net: palette.net,
  };
  return {
    animationDuration: 300,
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.tooltipBg,
      borderColor: palette.tooltipBorder,
      formatter: (params) => {
        const p = Array.isArray(params) ? params[1] ?? params[0] : params;
        const s = steps[p?.dataIndex ?? 0];
        return s ? `${label(s.key)}: ${formatMinor(s.minor, currency, locale)}` : '';
      },
    },
    xAxis: { type: 'category', data: steps.map((s) => label(s.key)), axisLabel: axisText(palette), axisTick: { show: false } },
    yAxis: amountAxis(currency, locale, palette),
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: base.map((b) => b / 100) },
      {
        type: 'bar',
        stack: 'w',
        barMaxWidth: 48,
        data: value.map((v, i) => ({ value: v / 100, itemStyle: { color: colors[steps[i].key] } })),
        // Each step's exact signed amount above its bar, so the chart reads without hovering.
        label: {
          show: true,
          position: 'top',
          ...axisText(palette),
          color: palette.text,
          formatter: (p: { dataIndex: number }) => formatMinor(steps[p.dataIndex].minor, currency, locale).replace(` ${currency}`, ''),
        },
      },
    ],
  };
}
