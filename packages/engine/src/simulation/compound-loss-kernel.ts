import type { UniformSource } from '../distributions/distribution.js';
import { rareEventProcessesOf, simulateRareEventYears } from './rare-event-kernel.js';
import type { CompiledModel } from './simulation-spec.js';
import { Xoshiro128StarStar } from '../random/xoshiro128-star-star.js';
import { poissonLognormalModelOf, simulatePoissonLognormalYears } from './poisson-lognormal-kernel.js';
import { poissonLognormalWasmKernel } from './poisson-lognormal-wasm-kernel.js';
import { positivePart } from './positive-part.js';
import type { YearLosses } from './year-losses.js';

/**
 * Simulates `yearCount` years starting at index `firstYear` of `out`, drawing from `random`, and applies the
 * insurance terms in their contractual order:
 *
 * 1. per occurrence, per section: retention, then limit in excess of it (business interruption: only the
 *    hours beyond the waiting period are coverable, before the retention);
 * 2. per section, per year: the sub-limit on the sum of its occurrences;
 * 3. per policy, per year: the aggregate deductible on the sum of sections, then the aggregate limit, then
 *    the insured's coinsurance share.
 *
 * Retained = gross − ceded for every year. Section shares of the ceded loss are the section's insured loss
 * scaled by the policy's annual terms (pro rata). Returns the number of occurrences simulated. Allocates
 * nothing per year or per event: `sectionScratch` holds one number per section.
 *
 * Two kinds of model run in a kernel of their own, chosen by the model alone (so a seed still gives the
 * same years on any number of workers): a model of rare Poisson processes (every rate ≤
 * RARE_EVENT_MAX_RATE) in the rare-event kernel, which jumps between eventful years instead of drawing a
 * count for each (`rare-event-kernel.ts`, ADR 0009); the common one-section Poisson × lognormal model in a
 * specialised kernel that gives the same years as this one bit for bit, faster
 * (`poisson-lognormal-kernel.ts`, ADR 0010), run as WebAssembly where the runtime has it
 * (`poisson-lognormal-wasm-kernel.ts`, ADR 0016) and in JavaScript otherwise.
 */
export function simulateYears(
  model: CompiledModel,
  random: UniformSource,
  out: YearLosses,
  firstYear: number,
  yearCount: number,
  sectionScratch: Float64Array,
): number {
  const rareProcesses = rareEventProcessesOf(model);
  if (rareProcesses !== null) {
    return simulateRareEventYears(model, rareProcesses, random, out, firstYear, yearCount);
  }
  const poissonLognormal = poissonLognormalModelOf(model, random);
  if (poissonLognormal !== null && random instanceof Xoshiro128StarStar) {
    const wasmKernel = poissonLognormalWasmKernel();
    if (wasmKernel?.serves(poissonLognormal) === true) {
      return wasmKernel.simulate(poissonLognormal, random, out, firstYear, yearCount);
    }
    return simulatePoissonLognormalYears(poissonLognormal, random, out, firstYear, yearCount);
  }
  return simulateYearsInGeneral(model, random, out, firstYear, yearCount, sectionScratch);
}

/** `simulateYears` for any model and random source: every process's count in every year, one interface call per draw. */
export function simulateYearsInGeneral(
  model: CompiledModel,
  random: UniformSource,
  out: YearLosses,
  firstYear: number,
  yearCount: number,
  sectionScratch: Float64Array,
): number {
  const { sections, aggregateDeductible, aggregateLimit, coinsurance } = model;
  const insurerShare = 1 - coinsurance;
  let occurrences = 0;
  for (let year = firstYear; year < firstYear + yearCount; year++) {
    let gross = 0;
    let insuredBeforePolicy = 0;
    let largestGross = 0;
    let largestCeded = 0;
    for (let sectionIndex = 0; sectionIndex < sections.length; sectionIndex++) {
      const section = sections[sectionIndex];
      if (section === undefined) continue;
      let sectionGross = 0;
      let sectionInsured = 0;
      for (const lossProcess of section.processes) {
        const count = lossProcess.frequency.sample(random);
        occurrences += count;
        for (let occurrence = 0; occurrence < count; occurrence++) {
          const draw = lossProcess.severity.sample(random);
          let loss: number;
          let coverable: number;
          if (lossProcess.isBusinessInterruption) {
            loss = draw * lossProcess.lossPerHour;
            coverable =
              draw > lossProcess.waitingPeriodHours
                ? (draw - lossProcess.waitingPeriodHours) * lossProcess.lossPerHour
                : 0;
          } else {
            loss = draw;
            coverable = draw;
          }
          const excess = positivePart(coverable - section.occurrenceRetention);
          const insured = excess < section.occurrenceLimit ? excess : section.occurrenceLimit;
          sectionGross += loss;
          sectionInsured += insured;
          if (loss > largestGross) largestGross = loss;
          if (insured > largestCeded) largestCeded = insured;
        }
      }
      if (sectionInsured > section.aggregateLimit) sectionInsured = section.aggregateLimit;
      sectionScratch[sectionIndex] = sectionInsured;
      if (out.sectionGross !== null) {
        const target = out.sectionGross[sectionIndex];
        if (target !== undefined) target[year] = sectionGross;
      }
      gross += sectionGross;
      insuredBeforePolicy += sectionInsured;
    }
    const afterDeductible = positivePart(insuredBeforePolicy - aggregateDeductible);
    const capped = afterDeductible < aggregateLimit ? afterDeductible : aggregateLimit;
    const ceded = capped * insurerShare;
    out.gross[year] = gross;
    out.ceded[year] = ceded;
    if (out.retained !== null) out.retained[year] = gross - ceded;
    if (out.largestOccurrenceGross !== null) out.largestOccurrenceGross[year] = largestGross;
    if (out.largestOccurrenceInsured !== null) out.largestOccurrenceInsured[year] = largestCeded;
    if (out.sectionCeded !== null) {
      const scale = insuredBeforePolicy > 0 ? ceded / insuredBeforePolicy : 0;
      for (let sectionIndex = 0; sectionIndex < sections.length; sectionIndex++) {
        const target = out.sectionCeded[sectionIndex];
        if (target !== undefined) target[year] = (sectionScratch[sectionIndex] ?? 0) * scale;
      }
    }
  }
  return occurrences;
}
