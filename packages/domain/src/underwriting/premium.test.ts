import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { money } from '../shared/money.js';
import { priceCover, type PremiumBreakdown } from './premium.js';
import type { Product } from './product.js';
import { fixtureProduct } from './testing/fixture-catalogue.js';

const base = fixtureProduct();

function withPricing(pricing: Partial<Product['pricing']>): Product {
  return { ...base, pricing: { ...base.pricing, ...pricing } };
}

const PARTS = [
  'expectedInsuredLoss',
  'riskLoad',
  'expenses',
  'profit',
  'rounding',
  'minimumPremiumTopUp',
] as const;

function sumOfParts(breakdown: PremiumBreakdown): number {
  return PARTS.reduce((sum, part) => sum + breakdown[part].minor, 0);
}

describe('priceCover on the cyber-sme loads (risk load 0.05 × SD, expenses 25 %, profit 5 %, minimum 1 500.00)', () => {
  it('prices a typical cover by hand', () => {
    // Loss 10 000.00 + load 0.05 × 40 000 = 12 000.00; ÷ 0.7 = 17 142.857… → 17 142.86 (up to the fen);
    // expenses and profit share its 5 142.86 of loads 25 : 5 → 4 285.72 and 857.14 (largest remainder);
    // rounded up to a whole yuan: 17 143.00, rounding 0.14.
    const breakdown = priceCover(base, { mean: 10_000, standardDeviation: 40_000 });
    expect(breakdown).toEqual({
      expectedInsuredLoss: money(1_000_000, 'CNY'),
      riskLoad: money(200_000, 'CNY'),
      expenses: money(428_572, 'CNY'),
      profit: money(85_714, 'CNY'),
      rounding: money(14, 'CNY'),
      minimumPremiumTopUp: money(0, 'CNY'),
      premium: money(1_714_300, 'CNY'),
    });
  });

  it('tops a small cover up to the minimum premium, as a part of its own', () => {
    // 100.00 + 50.00 = 150.00; ÷ 0.7 = 214.2857… → 214.29; loads 64.29 shared 25 : 5 (53.575 : 10.715, one
    // fen to whichever remainder is larger); 214.29 → 215.00 → 1 500.00.
    const breakdown = priceCover(base, { mean: 100, standardDeviation: 1_000 });
    expect(breakdown.expenses.minor + breakdown.profit.minor).toBe(6_429);
    expect(Math.abs(breakdown.expenses.minor - 5_357.5)).toBeLessThanOrEqual(0.5);
    expect(breakdown.rounding.minor).toBe(71);
    expect(breakdown.minimumPremiumTopUp.minor).toBe(128_500);
    expect(breakdown.premium).toEqual(money(150_000, 'CNY'));
    expect(sumOfParts(breakdown)).toBe(150_000);
  });

  it('charges the minimum premium for a cover that never pays', () => {
    const breakdown = priceCover(base, { mean: 0, standardDeviation: 0 });
    expect(breakdown.premium.minor).toBe(150_000);
    expect(breakdown.minimumPremiumTopUp.minor).toBe(150_000);
    expect(breakdown.rounding.minor).toBe(0);
  });

  it('rounds the technical premium up to the step, never down', () => {
    const hundreds = withPricing({ roundTo: money(10_000, 'CNY'), minimumPremium: money(0, 'CNY') });
    // 1 000.00 ÷ 0.7 = 1 428.571… → 1 428.58: expenses 357.15, profit 71.43 (428.58 shared 25 : 5) → 1 500.00.
    const breakdown = priceCover(hundreds, { mean: 1_000, standardDeviation: 0 });
    expect(breakdown.premium.minor).toBe(150_000);
    expect(breakdown.expenses.minor).toBe(35_715);
    expect(breakdown.profit.minor).toBe(7_143);
    expect(breakdown.rounding.minor).toBe(150_000 - 142_858);
    // Already on the step: nothing added.
    const exact = withPricing({ expenseRatio: 0, profitRatio: 0, roundTo: money(10_000, 'CNY') });
    expect(priceCover(exact, { mean: 2_000, standardDeviation: 0 }).rounding.minor).toBe(0);
  });

  it('rounds simulated means half away from zero to whole fen', () => {
    const breakdown = priceCover(withPricing({ riskLoadFactor: 0 }), {
      mean: 12_345.675,
      standardDeviation: 0,
    });
    expect(breakdown.expectedInsuredLoss.minor).toBe(1_234_568);
  });
});

describe('priceCover properties', () => {
  const pricingArbitrary = fc
    .record({
      expenseRatio: fc.double({ min: 0, max: 0.6, noNaN: true }),
      profitRatio: fc.double({ min: 0, max: 0.29, noNaN: true }),
      riskLoadFactor: fc.double({ min: 0, max: 2, noNaN: true }),
      minimumPremiumMinor: fc.integer({ min: 0, max: 10_000_000 }),
      roundToMinor: fc.constantFrom(1, 10, 100, 1_000, 10_000),
    })
    .map(({ minimumPremiumMinor, roundToMinor, ...ratios }) => ({
      ...ratios,
      minimumPremium: money(minimumPremiumMinor, 'CNY'),
      roundTo: money(roundToMinor, 'CNY'),
    }));
  const momentsArbitrary = fc.record({
    mean: fc.double({ min: 0, max: 5_000_000, noNaN: true }),
    standardDeviation: fc.double({ min: 0, max: 20_000_000, noNaN: true }),
  });

  it('adds its parts up exactly to the premium, in whole minor units', () => {
    fc.assert(
      fc.property(pricingArbitrary, momentsArbitrary, (pricing, moments) => {
        const product = withPricing(pricing);
        const breakdown = priceCover(product, moments);
        for (const part of [...PARTS, 'premium'] as const) {
          expect(Number.isSafeInteger(breakdown[part].minor)).toBe(true);
          expect(breakdown[part].minor).toBeGreaterThanOrEqual(0);
          expect(breakdown[part].currency).toBe('CNY');
        }
        expect(sumOfParts(breakdown)).toBe(breakdown.premium.minor);
      }),
      { numRuns: 1000 },
    );
  });

  it('never charges less than the minimum or the loaded technical premium, and stays on the step', () => {
    fc.assert(
      fc.property(pricingArbitrary, momentsArbitrary, (pricing, moments) => {
        const breakdown = priceCover(withPricing(pricing), moments);
        const step = pricing.roundTo.minor;
        const technical =
          (breakdown.expectedInsuredLoss.minor + breakdown.riskLoad.minor) /
          (1 - pricing.expenseRatio - pricing.profitRatio);
        expect(breakdown.premium.minor).toBeGreaterThanOrEqual(pricing.minimumPremium.minor);
        expect(breakdown.premium.minor).toBeGreaterThanOrEqual(technical);
        // …and never a step more than the technical premium rounded up to the fen and then to the step.
        const onStep = Math.ceil(Math.ceil(technical - 1e-9) / step) * step;
        expect(breakdown.premium.minor).toBeLessThanOrEqual(Math.max(onStep, pricing.minimumPremium.minor));
        expect(breakdown.rounding.minor).toBeLessThan(step + 1);
        if (breakdown.minimumPremiumTopUp.minor === 0) expect(breakdown.premium.minor % step).toBe(0);
        else expect(breakdown.premium.minor).toBe(pricing.minimumPremium.minor);
      }),
      { numRuns: 1000 },
    );
  });

  it('charges more for a larger loss or a larger spread', () => {
    fc.assert(
      fc.property(momentsArbitrary, fc.double({ min: 1, max: 100_000, noNaN: true }), (moments, extra) => {
        const product = withPricing({ minimumPremium: money(0, 'CNY') });
        const premium = (mean: number, standardDeviation: number) =>
          priceCover(product, { mean, standardDeviation }).premium.minor;
        expect(premium(moments.mean + extra, moments.standardDeviation)).toBeGreaterThanOrEqual(
          premium(moments.mean, moments.standardDeviation),
        );
        expect(premium(moments.mean, moments.standardDeviation + extra)).toBeGreaterThanOrEqual(
          premium(moments.mean, moments.standardDeviation),
        );
      }),
      { numRuns: 500 },
    );
  });
});
