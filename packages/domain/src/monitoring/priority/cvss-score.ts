import ae from 'ae-cvss-calculator';

import type { SeverityVector } from '../advisory.js';

/**
 * CVSS base scores from vector strings, for CVSS v2.0 (https://www.first.org/cvss/v2/guide), v3.0, v3.1
 * (https://www.first.org/cvss/v3-1/specification-document) and v4.0
 * (https://www.first.org/cvss/v4-0/specification-document). The arithmetic is ae-cvss-calculator's; this
 * module checks the vector first, because the calculator is lenient: it scores a vector with a missing base
 * metric as 0 and lets a repeated metric silently overwrite the first.
 */

export type CvssVectorVersion = '2.0' | '3.0' | '3.1' | '4.0';

/** A vector string that is not a complete, well-formed CVSS vector. */
export class CvssVectorError extends Error {
  override readonly name = 'CvssVectorError';

  constructor(
    readonly vector: string,
    readonly problem: string,
  ) {
    super(`CVSS vector '${vector.length > 200 ? `${vector.slice(0, 200)}…` : vector}': ${problem}`);
  }
}

const V3_BASE: Readonly<Record<string, readonly string[]>> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};

/** The base metrics each version requires, with the values a base metric may take. */
const BASE_METRICS: Readonly<Record<CvssVectorVersion, Readonly<Record<string, readonly string[]>>>> = {
  '2.0': {
    AV: ['L', 'A', 'N'],
    AC: ['H', 'M', 'L'],
    Au: ['M', 'S', 'N'],
    C: ['N', 'P', 'C'],
    I: ['N', 'P', 'C'],
    A: ['N', 'P', 'C'],
  },
  '3.0': V3_BASE,
  '3.1': V3_BASE,
  '4.0': {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    AT: ['N', 'P'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'P', 'A'],
    VC: ['H', 'L', 'N'],
    VI: ['H', 'L', 'N'],
    VA: ['H', 'L', 'N'],
    SC: ['H', 'L', 'N'],
    SI: ['H', 'L', 'N'],
    SA: ['H', 'L', 'N'],
  },
};

const PREFIXES: readonly (readonly [string, CvssVectorVersion])[] = [
  ['CVSS:3.0/', '3.0'],
  ['CVSS:3.1/', '3.1'],
  ['CVSS:4.0/', '4.0'],
];

/** The CVSS version a vector string declares: `CVSS:3.1/…` and so on; a vector without a prefix is v2. */
export function cvssVersionOf(vector: string): CvssVectorVersion {
  for (const [prefix, version] of PREFIXES) {
    if (vector.startsWith(prefix)) return version;
  }
  if (vector.startsWith('CVSS:')) {
    throw new CvssVectorError(
      vector,
      'unknown CVSS version (expected CVSS:3.0/, CVSS:3.1/, CVSS:4.0/ or a v2 vector)',
    );
  }
  return '2.0';
}

function checkVectorShape(vector: string, version: CvssVectorVersion): void {
  const body = version === '2.0' ? vector : vector.slice('CVSS:x.y/'.length);
  const base = BASE_METRICS[version];
  const seen = new Set<string>();
  for (const part of body.split('/')) {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon === part.length - 1 || part.indexOf(':', colon + 1) >= 0) {
      throw new CvssVectorError(vector, `'${part}' is not a METRIC:VALUE pair`);
    }
    const metric = part.slice(0, colon);
    if (seen.has(metric)) throw new CvssVectorError(vector, `metric ${metric} appears twice`);
    seen.add(metric);
    const allowed = base[metric];
    if (allowed !== undefined && !allowed.includes(part.slice(colon + 1))) {
      throw new CvssVectorError(
        vector,
        `base metric ${metric} has value ${part.slice(colon + 1)} (allowed: ${allowed.join(', ')})`,
      );
    }
  }
  const missing = Object.keys(base).filter((metric) => !seen.has(metric));
  if (missing.length > 0) {
    throw new CvssVectorError(
      vector,
      `base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`,
    );
  }
}

/**
 * The base score (0.0–10.0, one decimal) of a CVSS v2.0, v3.0, v3.1 or v4.0 vector. Temporal, threat,
 * environmental and supplemental metrics may be present and must be well-formed, but do not change the
 * result: for v4.0 this is the CVSS-B score (base metrics only).
 * @throws CvssVectorError if the vector is not a complete, well-formed vector of a known version.
 */
export function cvssBaseScore(vector: string): number {
  const version = cvssVersionOf(vector);
  checkVectorShape(vector, version);
  let parsed: InstanceType<typeof ae.Cvss2 | typeof ae.Cvss3P0 | typeof ae.Cvss3P1 | typeof ae.Cvss4P0>;
  try {
    switch (version) {
      case '2.0':
        parsed = new ae.Cvss2(vector);
        break;
      case '3.0':
        parsed = new ae.Cvss3P0(vector);
        break;
      case '3.1':
        parsed = new ae.Cvss3P1(vector);
        break;
      case '4.0':
        parsed = new ae.Cvss4P0(vector);
        break;
    }
  } catch (error) {
    // The calculator names an unknown metric or value in its message.
    throw new CvssVectorError(vector, error instanceof Error ? error.message : String(error));
  }
  const scores = parsed.calculateScores();
  const score = 'baseMetricsOnly' in scores ? scores.baseMetricsOnly : scores.base;
  if (score === undefined || !Number.isFinite(score)) {
    throw new CvssVectorError(vector, 'the calculator gave no base score');
  }
  return score;
}

const VERSION_PREFERENCE: Readonly<Record<CvssVectorVersion, number>> = {
  '4.0': 3,
  '3.1': 2,
  '3.0': 2,
  '2.0': 1,
};

/**
 * The base score to rank an advisory by: from its newest CVSS version (v4, then v3, then v2, as each vector
 * declares itself), the highest base score among that version's vectors. Vectors that do not read are
 * passed over. Undefined when no vector reads.
 */
export function advisoryBaseScore(severity: readonly SeverityVector[]): number | undefined {
  let best: { preference: number; score: number } | undefined;
  for (const entry of severity) {
    let score: number;
    try {
      score = cvssBaseScore(entry.vector);
    } catch (error) {
      if (error instanceof CvssVectorError) continue;
      throw error;
    }
    const preference = VERSION_PREFERENCE[cvssVersionOf(entry.vector)];
    if (
      best === undefined ||
      preference > best.preference ||
      (preference === best.preference && score > best.score)
    ) {
      best = { preference, score };
    }
  }
  return best?.score;
}
