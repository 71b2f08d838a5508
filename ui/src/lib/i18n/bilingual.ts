// The core words some refusals in both languages at once: "English text / 中文说明"
// (the domain's rules carry both). The screen shows the half in the UI language; a
// message without a Chinese half is shown as it is.
import type { Locale } from '../backend/types';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const SEPARATOR = ' / ';

export function inLocale(message: string, locale: Locale): string {
  // The last " / " with Chinese after it: an English half may itself hold " / " or Chinese names.
  let at = message.lastIndexOf(SEPARATOR);
  while (at > 0) {
    const zh = message.slice(at + SEPARATOR.length);
    if (CJK.test(zh)) return locale === 'zh-CN' ? zh.trim() : message.slice(0, at).trim();
    at = message.lastIndexOf(SEPARATOR, at - 1);
  }
  return message;
}
