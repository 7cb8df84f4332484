/**
 * The quantile of a distribution on the non-negative integers, found from its cdf.
 *
 * @module
 */

// Past 2^53 consecutive integers are no longer representable; a search that gets there has no answer.
const LARGEST_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * The smallest integer k ≥ 0 with cdf(k) ≥ p, for p in (0, 1), given a non-decreasing `cdf` that reaches
 * p somewhere. Searches outward from `guess` by doubling steps, then bisects, so a poor guess costs only
 * logarithmically many cdf evaluations. Comparing with the computed cdf (rather than a separately summed
 * pmf) keeps quantile and cdf consistent: cdf(quantile(p)) ≥ p always holds.
 */
export function searchDiscreteQuantile(cdf: (count: number) => number, p: number, guess: number): number {
  let start = Number.isFinite(guess) ? Math.max(0, Math.floor(guess)) : 0;
  start = Math.min(start, LARGEST_COUNT);
  // Invariant once found: cdf(below) < p (below = −1 stands for "nothing below 0") and cdf(atOrAbove) ≥ p.
  let below: number;
  let atOrAbove: number;
  if (cdf(start) >= p) {
    atOrAbove = start;
    let step = 1;
    below = start - step;
    while (below >= 0 && cdf(below) >= p) {
      atOrAbove = below;
      step *= 2;
      below = Math.max(-1, atOrAbove - step);
    }
    below = Math.max(below, -1);
  } else {
    below = start;
    let step = 1;
    atOrAbove = start + step;
    while (cdf(atOrAbove) < p) {
      if (atOrAbove >= LARGEST_COUNT) return Number.POSITIVE_INFINITY;
      below = atOrAbove;
      step *= 2;
      atOrAbove = Math.min(LARGEST_COUNT, below + step);
    }
  }
  while (atOrAbove - below > 1) {
    const middle = below + Math.floor((atOrAbove - below) / 2);
    if (cdf(middle) >= p) atOrAbove = middle;
    else below = middle;
  }
  return atOrAbove;
}
