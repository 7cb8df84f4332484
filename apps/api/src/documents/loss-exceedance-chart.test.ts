import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCEEDANCE_THRESHOLDS } from '@carapace/engine';
import {
  lossExceedanceGeometry,
  renderLossExceedanceChart,
  type ChartPoint,
  type ExceedancePoint,
} from './loss-exceedance-chart.js';
import { sampleDocuments } from './testing/document-fixtures.js';

/** A curve shaped like the engine's: P(X > t) at the default thresholds, non-increasing in t. */
function curve(probabilityOf: (threshold: number) => number): ExceedancePoint[] {
  return DEFAULT_EXCEEDANCE_THRESHOLDS.map((threshold) => ({
    threshold,
    probability: probabilityOf(threshold),
  }));
}

function expectMonotone(points: readonly ChartPoint[]): void {
  for (let index = 1; index < points.length; index++) {
    const previous = points[index - 1]!;
    const current = points[index]!;
    // Left to right along the loss axis; SVG y grows downwards, so a falling probability never moves up.
    expect(current.x).toBeGreaterThan(previous.x);
    expect(current.y).toBeGreaterThanOrEqual(previous.y);
  }
}

describe('loss-exceedance chart', () => {
  it('draws the real curves of an assessment left to right, never rising, the insured under the gross', async () => {
    const { quote } = await sampleDocuments();
    const { gross, insured } = quote.quote.assessment.losses;
    const geometry = lossExceedanceGeometry(gross.exceedance, insured.exceedance, 2_000_000);
    expect(geometry.hasLosses).toBe(true);
    expect(geometry.gross.length).toBeGreaterThan(10);
    expectMonotone(geometry.gross);
    expectMonotone(geometry.insured);
    const grossY = new Map(geometry.gross.map((point) => [point.threshold, point.y]));
    for (const point of geometry.insured) {
      const grossAt = grossY.get(point.threshold);
      if (grossAt !== undefined) expect(point.y).toBeGreaterThanOrEqual(grossAt - 1e-9);
    }
    // Everything inside the plot area.
    for (const point of [...geometry.gross, ...geometry.insured]) {
      expect(point.x).toBeGreaterThanOrEqual(geometry.plot.left - 1e-9);
      expect(point.x).toBeLessThanOrEqual(geometry.plot.right + 1e-9);
      expect(point.y).toBeGreaterThanOrEqual(geometry.plot.top - 1e-9);
      expect(point.y).toBeLessThanOrEqual(geometry.plot.bottom + 1e-9);
    }
    expect(geometry.aggregateX).not.toBeNull();
  });

  it('puts the loss axis on whole decades and the probability axis on round steps from zero', () => {
    const geometry = lossExceedanceGeometry(
      curve((threshold) => 0.3 * Math.exp(-threshold / 200_000)),
      curve((threshold) => (threshold > 1_000_000 ? 0 : 0.25 * Math.exp(-threshold / 150_000))),
      1_000_000,
    );
    const decades = geometry.lossTicks.map((tick) => Math.log10(tick.value));
    expect(decades.every((decade) => Number.isInteger(decade))).toBe(true);
    expect(geometry.lossTicks.map((tick) => tick.at)).toEqual(
      [...geometry.lossTicks.map((tick) => tick.at)].sort((a, b) => a - b),
    );
    expect(geometry.probabilityTicks[0]?.value).toBe(0);
    expect(geometry.probabilityTicks.at(-1)?.value).toBeGreaterThanOrEqual(0.3);
    expect(geometry.insured.at(-1)?.probability).toBe(0);
  });

  it('stays monotone for any non-increasing curve', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 61, maxLength: 61 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (drops, start) => {
          let probability = start;
          const points = DEFAULT_EXCEEDANCE_THRESHOLDS.map((threshold, index) => {
            probability *= index === 0 ? 1 : (drops[index] ?? 1);
            return { threshold, probability };
          });
          const geometry = lossExceedanceGeometry(points, points, 1_000_000);
          expectMonotone(geometry.gross);
        },
      ),
    );
  });

  it('shows axes and a note, not a curve, when no simulated year had a loss', () => {
    const none = curve(() => 0);
    const geometry = lossExceedanceGeometry(none, none, 1_000_000);
    expect(geometry.hasLosses).toBe(false);
    expect(geometry.gross).toEqual([]);
    const markup = renderLossExceedanceChart(
      { gross: none, insured: none, aggregateLimit: 1e6, currency: 'CNY' },
      'en',
    ).markup;
    expect(markup).toContain('No loss in the simulation');
    expect(markup).not.toContain('<polyline');
  });

  it('labels both axes and the legend in the reader’s language', () => {
    const input = {
      gross: curve((threshold) => 0.3 * Math.exp(-threshold / 200_000)),
      insured: curve((threshold) => 0.25 * Math.exp(-threshold / 200_000)),
      aggregateLimit: 1_000_000,
      currency: 'CNY',
    };
    const chinese = renderLossExceedanceChart(input, 'zh-CN').markup;
    expect(chinese).toContain('年度损失（CNY，对数刻度）');
    expect(chinese).toContain('超越概率');
    expect(chinese).toContain('100万');
    expect(chinese).toContain('保险赔付');
    const english = renderLossExceedanceChart(input, 'en').markup;
    expect(english).toContain('Annual loss (CNY, log scale)');
    expect(english).toContain('Probability of exceeding');
    expect(english).toContain('>1M<');
    expect(english).not.toMatch(/\p{Script=Han}/u);
  });
});
