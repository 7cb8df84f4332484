/**
 * How urgent a finding is: a bounded 0–100 score from the vulnerability's severity (CVSS base score), the
 * likelihood that it is exploited soon (FIRST EPSS) and whether it is known to be exploited (CISA KEV).
 * docs/monitoring.md ("Finding priority") explains the formula with a worked example.
 *
 *   unexploited = 60 × cvss / 10 + 40 × lift(epss),   lift(p) = log10(1 + 99 p) / 2   (lift(0) = 0, lift(1) = 1)
 *   score       = unexploited                                        when not in KEV
 *               = 70 + 0.30 × unexploited                             in KEV
 *               = 75 + 0.25 × unexploited                             in KEV with known ransomware use
 *
 * So a KEV entry is never below 70 ("high"), each input can only raise the score, and a KEV entry never
 * scores below the same finding outside KEV (70 + 0.3 u ≥ u for every u ≤ 100).
 */

export const FINDING_PRIORITY_BANDS = ['critical', 'high', 'medium', 'low'] as const;
export type FindingPriorityBand = (typeof FINDING_PRIORITY_BANDS)[number];

/** The CVSS base score assumed when an advisory carries no readable vector: the middle of the scale. */
export const DEFAULT_CVSS_BASE_SCORE = 5.0;

/** The lowest score of each band; a score takes the first band whose floor it reaches. */
export const FINDING_PRIORITY_BAND_FLOORS: Readonly<Record<FindingPriorityBand, number>> = {
  critical: 85,
  high: 70,
  medium: 40,
  low: 0,
};

const SEVERITY_WEIGHT = 60;
const LIKELIHOOD_WEIGHT = 40;
const KEV_FLOOR = 70;
const KEV_SHARE = 0.3;
const RANSOMWARE_FLOOR = 75;
const RANSOMWARE_SHARE = 0.25;

export interface FindingPriorityInput {
  /** CVSS base score 0–10; undefined when the advisory has none (then DEFAULT_CVSS_BASE_SCORE is used). */
  readonly cvss: number | undefined;
  /** EPSS probability 0–1; undefined when FIRST has no score for the CVE (read as 0: no evidence). */
  readonly epss: number | undefined;
  /** The vulnerability is in CISA's Known Exploited Vulnerabilities catalogue. */
  readonly kev: boolean;
  /** CISA records known ransomware campaign use. Counts only together with `kev`. */
  readonly knownRansomwareUse: boolean;
}

export interface FindingPriority {
  /** 0–100, unrounded; round for display. */
  readonly score: number;
  readonly band: FindingPriorityBand;
  /** The CVSS score used: the input's, or the default when it had none. */
  readonly cvssUsed: number;
}

/** How much an EPSS probability lifts likelihood, 0–1, concave so that the first percent counts most. */
export function epssLift(probability: number): number {
  return Math.log10(1 + 99 * probability) / 2;
}

export function priorityBand(score: number): FindingPriorityBand {
  for (const band of FINDING_PRIORITY_BANDS) {
    if (score >= FINDING_PRIORITY_BAND_FLOORS[band]) return band;
  }
  return 'low';
}

/**
 * The finding's priority (see the module comment for the formula).
 * @throws RangeError if `cvss` is outside 0–10 or `epss` outside 0–1 (or either is not a finite number).
 */
export function findingPriority(input: FindingPriorityInput): FindingPriority {
  const cvssUsed = input.cvss ?? DEFAULT_CVSS_BASE_SCORE;
  if (!Number.isFinite(cvssUsed) || cvssUsed < 0 || cvssUsed > 10) {
    throw new RangeError(`cvss must be a base score from 0 to 10, got ${String(input.cvss)}`);
  }
  const probability = input.epss ?? 0;
  if (!Number.isFinite(probability) || probability < 0 || probability > 1) {
    throw new RangeError(`epss must be a probability from 0 to 1, got ${String(input.epss)}`);
  }
  const unexploited = (SEVERITY_WEIGHT * cvssUsed) / 10 + LIKELIHOOD_WEIGHT * epssLift(probability);
  let score = unexploited;
  if (input.kev) {
    score = input.knownRansomwareUse
      ? RANSOMWARE_FLOOR + RANSOMWARE_SHARE * unexploited
      : KEV_FLOOR + KEV_SHARE * unexploited;
  }
  // Floating-point sums can overshoot by an ulp; the bound is part of the contract.
  score = Math.min(100, Math.max(0, score));
  return { score, band: priorityBand(score), cvssUsed };
}
