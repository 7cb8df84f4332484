import { formatMoneyDecimal, minorUnitDigits, type Language, type Money } from '@carapace/domain';

/**
 * Numbers, money and dates as a reader of each language expects them, through `Intl` (full ICU ships with
 * Node). Chinese readers see ¥1,234,567.00 and 2026年5月14日; English readers CNY 1,234,567.00 and
 * 14 May 2026 (British style, as the rest of the product).
 */

const LOCALES: Readonly<Record<Language, string>> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

/** The business day and clock of the insurer: China Standard Time. */
export const DOCUMENT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The amount with its currency and thousands separators, exactly: the decimal string goes to `Intl`
 * (ECMA-402 accepts decimal strings since Intl.NumberFormat v3), so no float ever rounds a fen away.
 */
export function formatMoney(amount: Money, language: Language): string {
  const digits = minorUnitDigits(amount.currency);
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'currency',
    currency: amount.currency,
    currencyDisplay: language === 'zh-CN' ? 'symbol' : 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(formatMoneyDecimal(amount) as `${number}`);
}

/** A simulated amount (float64, major units) rounded to whole units of the currency, e.g. ¥1,234,568. */
export function formatSimulatedAmount(
  major: number,
  currency: Money['currency'],
  language: Language,
): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'currency',
    currency,
    currencyDisplay: language === 'zh-CN' ? 'symbol' : 'code',
    maximumFractionDigits: 0,
  }).format(Math.round(major));
}

/** An axis label: 1万, 100万, 1亿 for Chinese readers; 10K, 1M, 100M for English ones. */
export function formatCompactAmount(major: number, language: Language): string {
  return new Intl.NumberFormat(language === 'zh-CN' ? 'zh-CN' : 'en', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(major);
}

export function formatInteger(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(value);
}

/** Whole points with an explicit sign (+3, −5, 0). */
export function formatPoints(points: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { signDisplay: 'exceptZero' })
    .format(points)
    .replace('-', '−');
}

/** A probability or share as a percentage with three significant digits (23.5%, 0.412%). */
export function formatPercent(fraction: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'percent',
    maximumSignificantDigits: 3,
  }).format(fraction);
}

/** A share of a whole with one decimal (60.6%, 5.0%); a sliver that would show as 0.0% shows as <0.1%. */
export function formatShare(fraction: number, language: Language): string {
  const format = new Intl.NumberFormat(LOCALES[language], {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return fraction > 0 && fraction < 0.0005 ? `<${format.format(0.001)}` : format.format(fraction);
}

/**
 * A calendar date (YYYY-MM-DD), which is a date in China Standard Time already: shown without any
 * time-zone shift.
 *
 * @throws RangeError if `date` is not a YYYY-MM-DD calendar date
 */
export function formatCalendarDate(date: string, language: Language): string {
  const instant = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`date must be a YYYY-MM-DD calendar date (got '${date}')`);
  }
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
}

/** The calendar date of an instant in China Standard Time. */
export function formatInstantDate(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeZone: DOCUMENT_TIME_ZONE,
  }).format(instant);
}

/** Date and time of an instant in China Standard Time, marked UTC+8 so it cannot be misread. */
export function formatInstant(instant: Date, language: Language): string {
  const formatted = new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone: DOCUMENT_TIME_ZONE,
    hourCycle: 'h23',
  }).format(instant);
  return `${formatted} (UTC+8)`;
}

/** A country by its ISO 3166-1 alpha-2 code: 中国 / China; the code itself when ICU does not know it. */
export function formatCountry(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([LOCALES[language]], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
