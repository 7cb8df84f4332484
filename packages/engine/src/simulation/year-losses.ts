/**
 * Per-simulated-year results, one Float64Array per quantity, indexed by year. Arrays a run does not need
 * are null, so a summary-only run keeps its memory to what it reports.
 */
export interface YearLosses {
  /** Everything the insured lost in the year, before any insurance term. */
  readonly gross: Float64Array;
  /** What the policy pays for the year, after every term. */
  readonly ceded: Float64Array;
  /** gross − ceded. */
  readonly retained: Float64Array | null;
  /** The largest single occurrence's gross loss in the year (the OEP view). */
  readonly largestOccurrenceGross: Float64Array | null;
  /** The largest single occurrence's insured loss after its occurrence terms (before annual terms). */
  readonly largestOccurrenceInsured: Float64Array | null;
  /** Per section, in model order; null when not recorded. */
  readonly sectionGross: readonly Float64Array[] | null;
  /** Per section: its share of the year's ceded loss (annual terms allocated pro rata). */
  readonly sectionCeded: readonly Float64Array[] | null;
}

export interface YearLossSelection {
  readonly retained: boolean;
  readonly largestOccurrence: boolean;
  readonly sections: boolean;
}

export const ALL_YEAR_LOSSES: YearLossSelection = { retained: true, largestOccurrence: true, sections: true };

/** Bytes of one year across every selected array. */
export function bytesPerYear(sectionCount: number, selection: YearLossSelection): number {
  const arrays =
    2 +
    (selection.retained ? 1 : 0) +
    (selection.largestOccurrence ? 2 : 0) +
    (selection.sections ? 2 * sectionCount : 0);
  return arrays * Float64Array.BYTES_PER_ELEMENT;
}

/**
 * Lays the selected arrays over one buffer — a SharedArrayBuffer when workers fill disjoint year ranges of
 * the same run — in a fixed order, so every thread that views the buffer sees the same arrays.
 */
export function viewYearLosses(
  buffer: ArrayBufferLike,
  years: number,
  sectionCount: number,
  selection: YearLossSelection,
): YearLosses {
  let offset = 0;
  const next = (): Float64Array => {
    const array = new Float64Array(buffer, offset, years);
    offset += years * Float64Array.BYTES_PER_ELEMENT;
    return array;
  };
  const gross = next();
  const ceded = next();
  const retained = selection.retained ? next() : null;
  const largestOccurrenceGross = selection.largestOccurrence ? next() : null;
  const largestOccurrenceInsured = selection.largestOccurrence ? next() : null;
  const sectionGross = selection.sections ? Array.from({ length: sectionCount }, next) : null;
  const sectionCeded = selection.sections ? Array.from({ length: sectionCount }, next) : null;
  return {
    gross,
    ceded,
    retained,
    largestOccurrenceGross,
    largestOccurrenceInsured,
    sectionGross,
    sectionCeded,
  };
}
