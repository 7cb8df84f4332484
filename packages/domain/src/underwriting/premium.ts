import {
  addMoney,
  allocateMoney,
  money,
  moneyFromMajorUnits,
  subtractMoney,
  type Money,
} from '../shared/money.js';
import type { Product } from './product.js';

/**
 * Premium = (expected insured loss + risk load) ÷ (1 − expense ratio − profit ratio), rounded up to the
 * product's rounding step, and never below the minimum premium. The risk load is the standard-deviation
 * principle on the insurer's simulated annual payments. Every part is whole minor units and the parts add
 * up to the premium exactly: rounding and the minimum-premium top-up are parts of their own.
 */
export interface PremiumBreakdown {
  readonly expectedInsuredLoss: Money;
  readonly riskLoad: Money;
  readonly expenses: Money;
  readonly profit: Money;
  /** Rounding the technical premium up to the product's step. */
  readonly rounding: Money;
  /** What the minimum premium adds when the technical premium is below it; zero otherwise. */
  readonly minimumPremiumTopUp: Money;
  readonly premium: Money;
}

/** The insurer's simulated annual payments, in major units of the product currency. */
export interface InsuredLossMoments {
  readonly mean: number;
  readonly standardDeviation: number;
}

function roundUpToStep(minor: number, stepMinor: number): number {
  return stepMinor <= 1 ? Math.ceil(minor) : Math.ceil(minor / stepMinor) * stepMinor;
}

export function priceCover(product: Product, insuredLoss: InsuredLossMoments): PremiumBreakdown {
  const { currency, pricing } = product;
  const expectedInsuredLoss = moneyFromMajorUnits(insuredLoss.mean, currency);
  const riskLoad = moneyFromMajorUnits(pricing.riskLoadFactor * insuredLoss.standardDeviation, currency);
  const lossAndLoad = addMoney(expectedInsuredLoss, riskLoad);
  const loading = 1 - pricing.expenseRatio - pricing.profitRatio;
  // The technical premium in whole minor units; expenses and profit share what it adds to the loss and load,
  // so the parts can never sum to more than this (each rounded on its own, they could exceed it by a unit).
  const technical = money(Math.ceil(lossAndLoad.minor / loading), currency);
  const loads = subtractMoney(technical, lossAndLoad);
  const [expenses = money(0, currency), profit = money(0, currency)] =
    pricing.expenseRatio + pricing.profitRatio > 0
      ? allocateMoney(loads, [pricing.expenseRatio, pricing.profitRatio])
      : [money(0, currency), money(0, currency)];
  const technicalRounded = roundUpToStep(technical.minor, pricing.roundTo.minor);
  const premium = Math.max(technicalRounded, pricing.minimumPremium.minor);
  return {
    expectedInsuredLoss,
    riskLoad,
    expenses,
    profit,
    rounding: money(technicalRounded - technical.minor, currency),
    minimumPremiumTopUp: money(premium - technicalRounded, currency),
    premium: money(premium, currency),
  };
}
