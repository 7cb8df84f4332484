/**
 * Money is an integer count of a currency's minor unit (fen for CNY) plus the ISO 4217 code.
 * Floats never hold money: simulated losses are float64, but a premium, a limit or a payment is Money.
 * See docs/decisions/0004-money-as-integer-minor-units.md.
 */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}

/** ISO 4217 codes we accept, with the number of minor-unit digits of each. */
const MINOR_UNIT_DIGITS = {
  CNY: 2,
  HKD: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof MINOR_UNIT_DIGITS;

export const DEFAULT_CURRENCY: CurrencyCode = 'CNY';

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(MINOR_UNIT_DIGITS, value);
}

export function minorUnitDigits(currency: CurrencyCode): number {
  return MINOR_UNIT_DIGITS[currency];
}

export function money(minor: number, currency: CurrencyCode = DEFAULT_CURRENCY): Money {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`money amount must be a safe integer count of minor units (got ${String(minor)})`);
  }
  if (!isCurrencyCode(currency)) {
    throw new RangeError(`unknown currency '${String(currency)}'`);
  }
  return { minor, currency };
}

/**
 * Converts a decimal major-unit string such as "1234.56" exactly, without passing through a float.
 * Rejects more fraction digits than the currency has, rather than rounding silently.
 */
export function moneyFromDecimal(decimal: string, currency: CurrencyCode = DEFAULT_CURRENCY): Money {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (match === null) {
    throw new RangeError(`'${decimal}' is not a decimal amount`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = minorUnitDigits(currency);
  if (fraction.length > digits) {
    throw new RangeError(`${currency} has ${digits} minor-unit digits; '${decimal}' has ${fraction.length}`);
  }
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  return money(sign === '-' ? -minor : minor, currency);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new RangeError(`cannot combine ${a.currency} and ${b.currency} amounts`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

/**
 * Splits an amount in proportion to non-negative weights so that the parts add up exactly to the whole
 * (largest-remainder method; ties go to the earlier part). Used wherever a total is broken down for display.
 */
export function allocateMoney(total: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0) {
    throw new RangeError('allocation needs at least one weight');
  }
  if (weights.some((weight) => !Number.isFinite(weight) || weight < 0)) {
    throw new RangeError('allocation weights must be finite and non-negative');
  }
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum === 0) {
    throw new RangeError('allocation weights must not all be zero');
  }
  const sign = total.minor < 0 ? -1 : 1;
  const magnitude = Math.abs(total.minor);
  const exactShares = weights.map((weight) => (magnitude * weight) / weightSum);
  const parts = exactShares.map((share) => Math.floor(share));
  // Near 2^53 the float shares can overshoot by a unit or two, so the remainder may be negative too.
  let remainder = magnitude - parts.reduce((sum, part) => sum + part, 0);
  const byFraction = exactShares
    .map((share, index) => ({ index, fraction: share - Math.floor(share) }))
    .sort((left, right) => right.fraction - left.fraction || left.index - right.index);
  for (let step = 0; remainder > 0; step += 1) {
    const { index } = byFraction[step % byFraction.length] ?? { index: 0 };
    parts[index] = (parts[index] ?? 0) + 1;
    remainder -= 1;
  }
  for (let step = byFraction.length - 1; remainder < 0; step -= 1) {
    const { index } = byFraction[((step % byFraction.length) + byFraction.length) % byFraction.length] ?? {
      index: 0,
    };
    if ((parts[index] ?? 0) > 0) {
      parts[index] = (parts[index] ?? 0) - 1;
      remainder += 1;
    }
  }
  return parts.map((part) => money(sign * part, total.currency));
}

/** The amount as an exact decimal string in major units, e.g. 123456 CNY → "1234.56". */
export function formatMoneyDecimal(amount: Money): string {
  const digits = minorUnitDigits(amount.currency);
  const magnitude = Math.abs(amount.minor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = digits > 0 ? `.${magnitude.slice(-digits)}` : '';
  return `${amount.minor < 0 ? '-' : ''}${whole}${fraction}`;
}

/**
 * The amount in major units as a float, for the simulation engine (simulated losses are float64). Never use
 * the result as money again without `moneyFromMajorUnits`, which rounds back to whole minor units.
 */
export function moneyToMajorUnits(amount: Money): number {
  return amount.minor / 10 ** minorUnitDigits(amount.currency);
}

/** A float amount in major units (e.g. a simulated mean) rounded half away from zero to whole minor units. */
export function moneyFromMajorUnits(major: number, currency: CurrencyCode = DEFAULT_CURRENCY): Money {
  if (!Number.isFinite(major)) throw new RangeError(`amount must be finite (got ${String(major)})`);
  const scaled = major * 10 ** minorUnitDigits(currency);
  return money(Math.sign(scaled) * Math.round(Math.abs(scaled)), currency);
}
