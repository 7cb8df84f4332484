/**
 * Gamma variates by G. Marsaglia and W. W. Tsang, "A Simple Method for Generating Gamma Variables",
 * ACM Transactions on Mathematical Software 26(3), 363–372, 2000 (https://doi.org/10.1145/358407.358414).
 *
 * @module
 */

import type { UniformSource } from '../distributions/distribution.js';
import { standardNormal } from './ziggurat-normal.js';

/**
 * Draws Gamma(shape, 1) variates; multiply by a scale for Gamma(shape, scale). The constants of the
 * method depend only on the shape, so they are computed once here and `sample()` does not allocate.
 */
export class GammaSampler {
  readonly shape: number;
  // d = a − 1/3 and c = 1/√(9d) of the paper, for a = shape, or shape + 1 when boosting.
  readonly #offset: number;
  readonly #scaleOfNormal: number;
  // 1/shape when shape < 1 (see sample()), otherwise 0 to mean "no boost".
  readonly #boostExponent: number;

  /** @throws RangeError unless `shape` is a finite number greater than 0. */
  constructor(shape: number) {
    if (!Number.isFinite(shape) || shape <= 0) {
      throw new RangeError(`shape must be a finite number greater than 0; received ${String(shape)}`);
    }
    this.shape = shape;
    const boosted = shape < 1;
    this.#offset = (boosted ? shape + 1 : shape) - 1 / 3;
    this.#scaleOfNormal = 1 / Math.sqrt(9 * this.#offset);
    this.#boostExponent = boosted ? 1 / shape : 0;
  }

  /** One Gamma(shape, 1) variate, deterministic given the state of `random`. */
  sample(random: UniformSource): number {
    const d = this.#offset;
    const c = this.#scaleOfNormal;
    let variate: number;
    for (;;) {
      const x = standardNormal(random);
      const root = 1 + c * x;
      if (root <= 0) continue;
      const v = root * root * root;
      const u = random.nextFloat64();
      const xSquared = x * x;
      // The squeeze accepts about 98 % of candidates without a logarithm.
      if (u < 1 - 0.0331 * xSquared * xSquared || Math.log(u) < 0.5 * xSquared + d * (1 - v + Math.log(v))) {
        variate = d * v;
        break;
      }
    }
    if (this.#boostExponent === 0) return variate;
    // The paper's boost for shape a < 1: Gamma(a) = Gamma(a + 1) · U^(1/a). U lies in (0, 1] here, so the
    // result can underflow to 0 for tiny shapes but is never NaN.
    return variate * Math.pow(1 - random.nextFloat64(), this.#boostExponent);
  }
}
