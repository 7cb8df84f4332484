import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const SECONDS_PER_UNIT = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/**
 * An uptime such as "3 hours, 12 minutes" / "3小时12分钟": the two largest non-zero units are enough to
 * read at a glance, and the numbers and unit words come from the browser's locale data.
 */
export function formatDuration(totalSeconds: number, locale: string): string {
  let remaining = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [unit, size] of SECONDS_PER_UNIT) {
    const amount = Math.floor(remaining / size);
    remaining -= amount * size;
    if (amount > 0 || (unit === 'second' && parts.length === 0)) {
      parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount));
    }
    if (parts.length === 2) break;
  }
  return new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(parts);
}

export function formatDateTime(isoOrDate: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(isoOrDate),
  );
}

export function formatDate(isoOrDate: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(isoOrDate));
}

export function formatMilliseconds(milliseconds: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'millisecond',
    unitDisplay: 'short',
    maximumFractionDigits: milliseconds < 10 ? 2 : 0,
  }).format(milliseconds);
}

/** "Underwriter and Actuary" / "核保员和精算师": the conjunction and its punctuation follow the locale. */
export function formatList(values: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).format(values);
}

/** Money as the API sends it: an exact decimal string in major units with its currency. */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/**
 * "¥1,250,000.00" in zh-CN, "CN¥1,250,000.00" in en: the currency's own symbol and grouping from the
 * browser's locale data. The API's decimal string has at most 13 integer digits, exact as a double.
 */
export function formatMoney(money: Money | number, locale: string, currency = 'CNY'): string {
  const [amount, code] =
    typeof money === 'number' ? [money, currency] : [Number(money.amount), money.currency];
  return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(amount);
}

/** A short amount for chart axes and tight cells: "¥1.2亿" / "CN¥120M". */
export function formatCompactMoney(amount: number, locale: string, currency = 'CNY'): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A share such as 0.125 as "12.5%". */
export function formatPercent(share: number, locale: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits }).format(share);
}

/** The formatters above, bound to the interface language so a switch re-renders every number and date. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      duration: (seconds: number) => formatDuration(seconds, locale),
      dateTime: (value: string | Date) => formatDateTime(value, locale),
      date: (value: string | Date) => formatDate(value, locale),
      milliseconds: (value: number) => formatMilliseconds(value, locale),
      list: (values: readonly string[]) => formatList(values, locale),
      money: (money: Money | number) => formatMoney(money, locale),
      compactMoney: (amount: number, currency?: string) => formatCompactMoney(amount, locale, currency),
      number: (value: number, maximumFractionDigits?: number) =>
        formatNumber(value, locale, maximumFractionDigits),
      percent: (share: number, maximumFractionDigits?: number) =>
        formatPercent(share, locale, maximumFractionDigits),
    }),
    [locale],
  );
}
