// One palette for every chart: gross / fee / tax / net keep their colours on every
// screen, counts are a neutral slate-blue, and text follows the theme.

export interface ChartPalette {
  count: string;
  gross: string;
  fee: string;
  tax: string;
  net: string;
  text: string;
  mutedText: string;
  axisLine: string;
  splitLine: string;
  tooltipBg: string;
  tooltipBorder: string;
  pointer: string;
  fontFamily: string;
}

const FONT =
  'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export function chartPalette(dark: boolean): ChartPalette {
  return dark
    ? {
        count: '#6f8fc7',
        gross: '#f0a04b',
        fee: '#c58af0',
        tax: '#5fc6c0',
        net: '#6fcf8f',
        text: '#e6e9ee',
        mutedText: '#a9b2bf',
        axisLine: '#3a4250',
        splitLine: '#2a313c',
        tooltipBg: '#202632',
        tooltipBorder: '#3a4250',
        pointer: 'rgba(160, 180, 210, 0.10)',
        fontFamily: FONT,
      }
    : {
        count: '#5b7bb5',
        gross: '#d9731a',
        fee: '#8e4ec6',
        tax: '#12898a',
        net: '#1f8a4c',
        text: '#1b2129',
        mutedText: '#5a6473',
        axisLine: '#c9d0d9',
        splitLine: '#e8ecf1',
        tooltipBg: '#ffffff',
        tooltipBorder: '#d5dbe3',
        pointer: 'rgba(29, 95, 209, 0.07)',
        fontFamily: FONT,
      };
}
