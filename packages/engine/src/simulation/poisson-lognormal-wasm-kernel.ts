import { EXPONENT_POWERS, FRACTION_POWERS } from '../distributions/special-functions/exp-by-table.js';
import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import {
  ZIGGURAT_LAYER_DENSITY,
  ZIGGURAT_LAYER_X,
  standardNormalOutsideRectangle,
} from '../random/ziggurat-normal.js';
import { POISSON_LOGNORMAL_KERNEL_WASM_BASE64 } from './poisson-lognormal-kernel-wasm-bytes.js';
import type { PoissonLognormalModel } from './poisson-lognormal-kernel.js';
import type { YearLosses } from './year-losses.js';

// The output selection bits of wasm/poisson-lognormal-kernel.c (WANTS_…).
const WANTS_RETAINED = 1;
const WANTS_LARGEST_OCCURRENCE_GROSS = 2;
const WANTS_LARGEST_OCCURRENCE_INSURED = 4;
const WANTS_SECTION_GROSS = 8;
const WANTS_SECTION_CEDED = 16;

/** The exports of wasm/poisson-lognormal-kernel.c: addresses in its memory, and the block function. */
interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  stateAddress(): number;
  termsAddress(): number;
  guideAddress(): number;
  cumulativeAddress(): number;
  cumulativeCapacity(): number;
  layerXAddress(): number;
  layerDensityAddress(): number;
  fractionPowersAddress(): number;
  exponentPowersAddress(): number;
  yearsPerBlock(): number;
  grossAddress(): number;
  cededAddress(): number;
  retainedAddress(): number;
  largestOccurrenceGrossAddress(): number;
  largestOccurrenceInsuredAddress(): number;
  sectionGrossAddress(): number;
  sectionCededAddress(): number;
  simulateBlock(yearCount: number, wanted: number): number;
  isUnderDensity(height: number, x: number): number;
}

/**
 * The part of the WebAssembly JavaScript API this file uses. The engine compiles against ES2023 and Node's
 * types, neither of which declares `WebAssembly`; it is looked up at run time, and may be missing (a
 * runtime started with `--jitless`, some sandboxes), in which case the JavaScript kernel runs.
 */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (
    module: object,
    imports: Record<string, Record<string, (...values: number[]) => number>>,
  ) => { readonly exports: unknown };
}

/**
 * The Poisson × lognormal kernel compiled to WebAssembly (wasm/poisson-lognormal-kernel.c, ADR 0016): the
 * same years as `simulatePoissonLognormalYears`, bit for bit, in about half the time. One instance per
 * thread, created on first use; its memory holds the tables and one block of years, and never grows, so
 * the views below stay valid and nothing is allocated per call beyond the model's small tables.
 */
export class PoissonLognormalWasmKernel {
  readonly #exports: KernelExports;
  readonly #state: Int32Array;
  readonly #terms: Float64Array;
  readonly #guide: Int32Array;
  readonly #cumulative: Float64Array;
  readonly #yearsPerBlock: number;
  readonly #gross: Float64Array;
  readonly #ceded: Float64Array;
  readonly #retained: Float64Array;
  readonly #largestOccurrenceGross: Float64Array;
  readonly #largestOccurrenceInsured: Float64Array;
  readonly #sectionGross: Float64Array;
  readonly #sectionCeded: Float64Array;
  // The generator the rare Ziggurat paths draw from: the kernel's state is copied in and out around each
  // call, so any xoshiro128** object serves; one per instance keeps the callback allocation-free.
  readonly #rarePathGenerator = Xoshiro128StarStar.fromState([1, 0, 0, 0]);

  constructor(webAssembly: WebAssemblyApi, bytes: Uint8Array) {
    const module = new webAssembly.Module(bytes);
    const instance = new webAssembly.Instance(module, {
      kernel: {
        normalOutsideRectangle: (indexWord, x) => this.#normalOutsideRectangle(indexWord, x),
        exp: Math.exp,
      },
    });
    const exports = instance.exports as KernelExports;
    this.#exports = exports;
    const buffer = exports.memory.buffer;
    this.#yearsPerBlock = exports.yearsPerBlock();
    const years = (address: number): Float64Array => new Float64Array(buffer, address, this.#yearsPerBlock);
    this.#state = new Int32Array(buffer, exports.stateAddress(), 4);
    this.#terms = new Float64Array(buffer, exports.termsAddress(), 8);
    this.#guide = new Int32Array(buffer, exports.guideAddress(), 256);
    this.#cumulative = new Float64Array(buffer, exports.cumulativeAddress(), exports.cumulativeCapacity());
    new Float64Array(buffer, exports.layerXAddress(), ZIGGURAT_LAYER_X.length).set(ZIGGURAT_LAYER_X);
    new Float64Array(buffer, exports.layerDensityAddress(), ZIGGURAT_LAYER_DENSITY.length).set(
      ZIGGURAT_LAYER_DENSITY,
    );
    new Float64Array(buffer, exports.fractionPowersAddress(), FRACTION_POWERS.length).set(FRACTION_POWERS);
    new Float64Array(buffer, exports.exponentPowersAddress(), EXPONENT_POWERS.length).set(EXPONENT_POWERS);
    this.#gross = years(exports.grossAddress());
    this.#ceded = years(exports.cededAddress());
    this.#retained = years(exports.retainedAddress());
    this.#largestOccurrenceGross = years(exports.largestOccurrenceGrossAddress());
    this.#largestOccurrenceInsured = years(exports.largestOccurrenceInsuredAddress());
    this.#sectionGross = years(exports.sectionGrossAddress());
    this.#sectionCeded = years(exports.sectionCededAddress());
  }

  /** Whether this kernel can serve the model: its Poisson table must fit the module's. */
  serves(model: PoissonLognormalModel): boolean {
    return (
      model.inversion.cumulative.length <= this.#cumulative.length &&
      model.inversion.guide.length === this.#guide.length &&
      model.terms.length === this.#terms.length
    );
  }

  /**
   * `simulatePoissonLognormalYears` in WebAssembly, for a model `serves` accepts: the same years, the same
   * return value, and `random` left where that function leaves it.
   */
  simulate(
    model: PoissonLognormalModel,
    random: Xoshiro128StarStar,
    out: YearLosses,
    firstYear: number,
    yearCount: number,
  ): number {
    this.#terms.set(model.terms);
    this.#guide.set(model.inversion.guide);
    this.#cumulative.set(model.inversion.cumulative);
    random.copyStateTo(this.#state);
    const { gross, ceded, retained, largestOccurrenceGross, largestOccurrenceInsured } = out;
    const sectionGross = out.sectionGross?.[0] ?? null;
    const sectionCeded = out.sectionCeded?.[0] ?? null;
    const wanted =
      (retained === null ? 0 : WANTS_RETAINED) |
      (largestOccurrenceGross === null ? 0 : WANTS_LARGEST_OCCURRENCE_GROSS) |
      (largestOccurrenceInsured === null ? 0 : WANTS_LARGEST_OCCURRENCE_INSURED) |
      (sectionGross === null ? 0 : WANTS_SECTION_GROSS) |
      (sectionCeded === null ? 0 : WANTS_SECTION_CEDED);
    let occurrences = 0;
    const end = firstYear + yearCount;
    for (let blockStart = firstYear; blockStart < end; blockStart += this.#yearsPerBlock) {
      const blockYears = Math.min(this.#yearsPerBlock, end - blockStart);
      occurrences += this.#exports.simulateBlock(blockYears, wanted);
      // The module cannot write into the caller's arrays (they live outside its memory, often in a
      // SharedArrayBuffer), so each block is copied out: a memcpy, ≈ 1 % of the block's time.
      gross.set(this.#gross.subarray(0, blockYears), blockStart);
      ceded.set(this.#ceded.subarray(0, blockYears), blockStart);
      retained?.set(this.#retained.subarray(0, blockYears), blockStart);
      largestOccurrenceGross?.set(this.#largestOccurrenceGross.subarray(0, blockYears), blockStart);
      largestOccurrenceInsured?.set(this.#largestOccurrenceInsured.subarray(0, blockYears), blockStart);
      sectionGross?.set(this.#sectionGross.subarray(0, blockYears), blockStart);
      sectionCeded?.set(this.#sectionCeded.subarray(0, blockYears), blockStart);
    }
    const state = this.#state;
    random.setStateWords(state[0] ?? 0, state[1] ?? 0, state[2] ?? 0, state[3] ?? 0);
    return occurrences;
  }

  /**
   * The module's wedge test: whether `height < Math.exp(−0.5 · x · x)`, decided without Math.exp's bits
   * unless the two are too close to call. For tests.
   */
  isUnderDensity(height: number, x: number): boolean {
    return this.#exports.isUnderDensity(height, x) !== 0;
  }

  // The Ziggurat's wedge and tail for the module, on the shared code the JavaScript kernel calls: the
  // module has stored its state in `#state` before calling and reloads it afterwards.
  #normalOutsideRectangle(indexWord: number, x: number): number {
    const state = this.#state;
    const generator = this.#rarePathGenerator;
    generator.setStateWords(state[0] ?? 0, state[1] ?? 0, state[2] ?? 0, state[3] ?? 0);
    const normal = standardNormalOutsideRectangle(generator, indexWord, x);
    generator.copyStateTo(state);
    return normal;
  }
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

let threadKernel: PoissonLognormalWasmKernel | null | undefined;

/**
 * This thread's WebAssembly kernel, compiled and instantiated on the first call (≈ 1 ms for ≈ 2 KB of
 * code); null where WebAssembly is unavailable or refuses the module, and then for good: the JavaScript
 * kernel gives the same years.
 */
export function poissonLognormalWasmKernel(): PoissonLognormalWasmKernel | null {
  if (threadKernel !== undefined) return threadKernel;
  const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  try {
    threadKernel =
      webAssembly === undefined
        ? null
        : new PoissonLognormalWasmKernel(webAssembly, decodeBase64(POISSON_LOGNORMAL_KERNEL_WASM_BASE64));
  } catch {
    threadKernel = null;
  }
  return threadKernel;
}
