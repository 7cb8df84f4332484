import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import { simulateYears } from './compound-loss-kernel.js';
import { POISSON_LOGNORMAL_KERNEL_WASM_BASE64 } from './poisson-lognormal-kernel-wasm-bytes.js';
import { poissonLognormalModelOf, simulatePoissonLognormalYears } from './poisson-lognormal-kernel.js';
import {
  poissonLognormalWasmKernel,
  type PoissonLognormalWasmKernel,
} from './poisson-lognormal-wasm-kernel.js';
import { compileModel } from './simulation-spec.js';
import { emptyYears, specFor, termsArbitrary, type Terms } from './testing/poisson-lognormal-models.js';
import { committedWasmBuild, freshWasmBuild, installedClangVersion } from './testing/wasm-build.js';
import type { YearLossSelection, YearLosses } from './year-losses.js';

const NO_OPTIONAL_YEAR_LOSSES: YearLossSelection = {
  retained: false,
  largestOccurrence: false,
  sections: false,
};

function loadedKernel(): PoissonLognormalWasmKernel {
  const kernel = poissonLognormalWasmKernel();
  if (kernel === null) throw new Error('Node 20 has WebAssembly: the kernel must load');
  return kernel;
}

/**
 * The first output whose bits differ between the two runs, or null: bit patterns, so that −0 against +0
 * and one NaN against another count as differences.
 */
function firstBitDifference(expected: YearLosses, actual: YearLosses): string | null {
  const arrays = (years: YearLosses): [string, Float64Array | null][] => [
    ['gross', years.gross],
    ['ceded', years.ceded],
    ['retained', years.retained],
    ['largestOccurrenceGross', years.largestOccurrenceGross],
    ['largestOccurrenceInsured', years.largestOccurrenceInsured],
    ['sectionGross', years.sectionGross?.[0] ?? null],
    ['sectionCeded', years.sectionCeded?.[0] ?? null],
  ];
  const actualArrays = arrays(actual);
  for (const [index, [name, expectedArray]] of arrays(expected).entries()) {
    const actualArray = actualArrays[index]?.[1] ?? null;
    if (expectedArray === null || actualArray === null) {
      if (expectedArray !== actualArray) return `${name}: present in one run only`;
      continue;
    }
    const expectedBits = new BigUint64Array(
      expectedArray.buffer,
      expectedArray.byteOffset,
      expectedArray.length,
    );
    const actualBits = new BigUint64Array(actualArray.buffer, actualArray.byteOffset, actualArray.length);
    for (let year = 0; year < expectedBits.length; year++) {
      if (expectedBits[year] !== actualBits[year]) {
        return `${name}[${year}]: ${expectedArray[year]} (JavaScript) vs ${actualArray[year]} (WebAssembly)`;
      }
    }
  }
  return null;
}

interface KernelCase {
  readonly terms: Terms;
  readonly seed: number;
  readonly firstYear: number;
  readonly yearCount: number;
  readonly selection?: YearLossSelection;
}

/** Runs the JavaScript and the WebAssembly kernel on the same stream and compares everything they leave. */
function expectSameAsJavaScript({ terms, seed, firstYear, yearCount, selection }: KernelCase): void {
  const model = compileModel(specFor(terms));
  const reference = Xoshiro128StarStar.fromSeed(seed);
  const viaWasm = reference.clone();
  const unpacked = poissonLognormalModelOf(model, reference);
  if (unpacked === null) throw new Error('the model should be served by the specialised kernel');
  const kernel = loadedKernel();
  expect(kernel.serves(unpacked)).toBe(true);
  const referenceYears = emptyYears(firstYear + yearCount, selection);
  const wasmYears = emptyYears(firstYear + yearCount, selection);
  const referenceOccurrences = simulatePoissonLognormalYears(
    unpacked,
    reference,
    referenceYears,
    firstYear,
    yearCount,
  );
  const wasmOccurrences = kernel.simulate(unpacked, viaWasm, wasmYears, firstYear, yearCount);
  expect(firstBitDifference(referenceYears, wasmYears)).toBeNull();
  expect(wasmOccurrences).toBe(referenceOccurrences);
  expect(viaWasm.snapshot()).toEqual(reference.snapshot());
}

const BENCH_LIKE: Terms = {
  rate: 1,
  mu: 11.86,
  sigma: 0.7,
  occurrenceRetention: 25_000,
  occurrenceLimit: 1_000_000,
  aggregateDeductible: 0,
  aggregateLimit: 2_000_000,
  coinsurance: 0,
};

describe('the WebAssembly Poisson × lognormal kernel', () => {
  it('loads in Node and serves every table a rate below 10 makes', () => {
    const kernel = loadedKernel();
    for (const rate of [1e-6, 0.3, 2, 9.999]) {
      const unpacked = poissonLognormalModelOf(
        compileModel(specFor({ ...BENCH_LIKE, rate })),
        Xoshiro128StarStar.fromSeed(1),
      );
      expect(unpacked === null ? false : kernel.serves(unpacked)).toBe(true);
    }
  });

  it('gives the JavaScript kernel’s years bit for bit over a grid of rates, severities, terms and seeds', () => {
    const rates = [0.001, 0.05, 0.3, 1, 2, 5, 9.99];
    const severities = [
      { mu: 8, sigma: 0.1 },
      { mu: 11.86, sigma: 0.7 },
      { mu: 12, sigma: 2.5 },
    ];
    const termSets: Omit<Terms, 'rate' | 'mu' | 'sigma'>[] = [
      { occurrenceRetention: 0, aggregateDeductible: 0, coinsurance: 0 },
      {
        occurrenceRetention: 25_000,
        occurrenceLimit: 1_000_000,
        aggregateDeductible: 0,
        aggregateLimit: 2_000_000,
        coinsurance: 0,
      },
      {
        occurrenceRetention: 100_000,
        occurrenceLimit: 250_000,
        sectionLimit: 600_000,
        aggregateDeductible: 50_000,
        aggregateLimit: 500_000,
        coinsurance: 0.2,
      },
    ];
    for (const rate of rates) {
      for (const severity of severities) {
        for (const [index, termSet] of termSets.entries()) {
          expectSameAsJavaScript({
            terms: { rate, ...severity, ...termSet },
            seed: 1000 * rate + index,
            firstYear: index * 7,
            yearCount: 4000,
          });
        }
      }
    }
  });

  it('agrees across blocks, at an offset, with and without the optional arrays', () => {
    // More years than one block of the module (65,536), starting mid-array.
    expectSameAsJavaScript({
      terms: { ...BENCH_LIKE, rate: 2 },
      seed: 20240601,
      firstYear: 3,
      yearCount: 70_000,
    });
    expectSameAsJavaScript({
      terms: BENCH_LIKE,
      seed: 5,
      firstYear: 0,
      yearCount: 20_000,
      selection: NO_OPTIONAL_YEAR_LOSSES,
    });
  });

  it('agrees in the rare paths: Ziggurat tails (σ = 30) and exponents beyond the table (Math.exp)', () => {
    // μ = 700, σ = 30: every draw with z > 0.3 has an exponent beyond 709 (Math.exp, an infinite loss);
    // μ = −700: every draw with z < −0.27 one below −708 (Math.exp, a subnormal or zero loss). Both
    // rates' thousands of normals also take the Ziggurat's wedge and tail callbacks.
    expectSameAsJavaScript({
      terms: { ...BENCH_LIKE, mu: 700, sigma: 30 },
      seed: 11,
      firstYear: 0,
      yearCount: 5000,
    });
    expectSameAsJavaScript({
      terms: { ...BENCH_LIKE, mu: -700, sigma: 30 },
      seed: 12,
      firstYear: 0,
      yearCount: 5000,
    });
  });

  it('decides the Ziggurat wedge test as Math.exp does, also for heights a few ulp from its value', () => {
    const bits = new Float64Array(1);
    const words = new BigInt64Array(bits.buffer);
    const ulpsAway = (value: number, ulps: number): number => {
      bits[0] = value;
      words[0] = (words[0] ?? 0n) + BigInt(ulps);
      return bits[0];
    };
    const kernel = loadedKernel();
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3.5, noNaN: true }),
        fc.integer({ min: -3, max: 3 }),
        (x, ulps) => {
          const density = Math.exp(-0.5 * x * x);
          for (const height of [ulpsAway(density, ulps), density * (1 + ulps * 1e-9)]) {
            expect(kernel.isUnderDensity(height, x)).toBe(height < density);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the JavaScript kernel’s years bit for bit for random terms, seeds and spans', () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        fc.nat(1000),
        fc.nat(100),
        fc.integer({ min: 1, max: 1500 }),
        (terms, seed, firstYear, yearCount) => {
          expectSameAsJavaScript({ terms, seed, firstYear, yearCount });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('leaves simulateYears, which dispatches to it, giving the JavaScript kernel’s years', () => {
    const model = compileModel(specFor(BENCH_LIKE));
    const viaDispatch = emptyYears(3000);
    const viaJavaScript = emptyYears(3000);
    const first = Xoshiro128StarStar.fromSeed(3);
    const second = first.clone();
    simulateYears(model, first, viaDispatch, 0, 3000, new Float64Array(1));
    const unpacked = poissonLognormalModelOf(model, second);
    if (unpacked === null) throw new Error('the model should be served by the specialised kernel');
    simulatePoissonLognormalYears(unpacked, second, viaJavaScript, 0, 3000);
    expect(firstBitDifference(viaJavaScript, viaDispatch)).toBeNull();
  });
});

describe('the committed WebAssembly module', () => {
  const committed = committedWasmBuild();

  it('is what the engine loads: the base64 module holds the bytes of wasm/poisson-lognormal-kernel.wasm', () => {
    expect(Buffer.from(POISSON_LOGNORMAL_KERNEL_WASM_BASE64, 'base64').equals(committed.wasm)).toBe(true);
  });

  const clangVersion = installedClangVersion();
  const builtWith = /^\/\/ Built with: (.*)$/m.exec(committed.bytesModule)?.[1] ?? null;
  const reasonToSkip =
    clangVersion === null
      ? 'clang is not installed (apt-get install clang lld), so the module cannot be rebuilt here'
      : clangVersion === builtWith
        ? null
        : `clang here is "${clangVersion}", the module was built with "${builtWith ?? 'unknown'}"; other versions emit other code`;
  if (reasonToSkip !== null && process.env['CI'] !== 'true') {
    it.skip(`equals a fresh build from wasm/poisson-lognormal-kernel.c — skipped: ${reasonToSkip}`, () => {});
    return;
  }

  it('equals a fresh build from wasm/poisson-lognormal-kernel.c (npm run build:wasm)', () => {
    // In CI a missing or different clang fails here rather than skipping: .ci/run installs Debian's.
    expect(reasonToSkip).toBeNull();
    const fresh = freshWasmBuild();
    expect(fresh.wasm.equals(committed.wasm)).toBe(true);
    expect(fresh.bytesModule).toBe(committed.bytesModule);
  }, 60_000);
});
