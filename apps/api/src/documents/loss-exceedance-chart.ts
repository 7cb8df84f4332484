import type { Language } from '@carapace/domain';
import { fillLabel, label } from './document-labels.js';
import { formatCompactAmount, formatPercent } from './document-formatting.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * The loss-exceedance curve as an inline SVG, drawn here rather than by a chart library: a PDF needs no
 * script, and the drawing is a few dozen lines. Loss on a log-10 axis (losses span decades), the annual
 * probability of exceeding it on a linear axis, the gross and the insured curves, and the policy aggregate.
 */

export interface ExceedancePoint {
  /** Annual loss in major units of the currency. */
  readonly threshold: number;
  /** P(annual loss > threshold), 0–1. */
  readonly probability: number;
}

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly threshold: number;
  readonly probability: number;
}

export interface ChartTick {
  readonly value: number;
  /** Position along the axis in SVG units. */
  readonly at: number;
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
  readonly lossTicks: readonly ChartTick[];
  readonly probabilityTicks: readonly ChartTick[];
  readonly gross: readonly ChartPoint[];
  readonly insured: readonly ChartPoint[];
  /** The aggregate limit's x, when it lies inside the loss axis. */
  readonly aggregateX: number | null;
  /** False when no simulated year had a loss: the chart shows axes and a note. */
  readonly hasLosses: boolean;
}

const WIDTH = 640;
const HEIGHT = 250;
const PLOT = { left: 62, top: 16, right: WIDTH - 16, bottom: HEIGHT - 48 } as const;

/** The loss axis ends where the gross curve falls below 1 in 1,000 a year, the longest return period shown. */
const TAIL_PROBABILITY = 0.001;

function usable(points: readonly ExceedancePoint[]): ExceedancePoint[] {
  return points
    .filter(
      (point) =>
        Number.isFinite(point.threshold) && point.threshold > 0 && Number.isFinite(point.probability),
    )
    .toSorted((left, right) => left.threshold - right.threshold);
}

/** A step of 1, 2, 2.5 or 5 × 10^k giving about `count` ticks up to `maximum`. */
function niceStep(maximum: number, count: number): number {
  const rough = maximum / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough);
  return step ?? 10 * magnitude;
}

/**
 * Where everything goes. The loss axis runs from the decade where the gross curve starts to fall (below it
 * the curve is flat: nearly every loss exceeds so small an amount) to the decade where it falls below
 * 1-in-1,000 a year; the return-period table gives the tail in figures.
 */
export function lossExceedanceGeometry(
  grossCurve: readonly ExceedancePoint[],
  insuredCurve: readonly ExceedancePoint[],
  aggregateLimit: number,
): ChartGeometry {
  const gross = usable(grossCurve);
  const insured = usable(insuredCurve);
  const first = gross[0];
  const hasLosses = first !== undefined && first.probability > 0;
  let lowDecade = 3;
  let highDecade = 7;
  let probabilityMaximum = 0.1;
  if (hasLosses) {
    const flatUntil = gross.filter((point) => point.probability >= 0.9 * first.probability).at(-1) ?? first;
    const beyondTail = gross.find((point) => point.probability < TAIL_PROBABILITY);
    const last = beyondTail ?? gross.at(-1) ?? first;
    lowDecade = Math.floor(Math.log10(flatUntil.threshold));
    highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(last.threshold) - 1e-9));
    probabilityMaximum = Math.min(1, first.probability);
  }
  const probabilityStep = niceStep(probabilityMaximum, 5);
  const probabilityTop = Math.min(
    1,
    Math.ceil(probabilityMaximum / probabilityStep - 1e-9) * probabilityStep,
  );
  const lossToX = (loss: number): number =>
    PLOT.left + ((Math.log10(loss) - lowDecade) / (highDecade - lowDecade)) * (PLOT.right - PLOT.left);
  const probabilityToY = (probability: number): number =>
    PLOT.bottom - (probability / probabilityTop) * (PLOT.bottom - PLOT.top);
  const low = 10 ** lowDecade;
  const high = 10 ** highDecade;

  // Points inside the loss axis, up to and including the first zero: past it the curve stays on the axis.
  const curve = (points: readonly ExceedancePoint[]): ChartPoint[] => {
    const inside = points.filter(
      (point) => point.threshold >= low * (1 - 1e-9) && point.threshold <= high * (1 + 1e-9),
    );
    const zeroAt = inside.findIndex((point) => point.probability === 0);
    return (zeroAt === -1 ? inside : inside.slice(0, zeroAt + 1)).map((point) => ({
      x: lossToX(point.threshold),
      y: probabilityToY(Math.min(point.probability, probabilityTop)),
      threshold: point.threshold,
      probability: point.probability,
    }));
  };

  const lossTicks: ChartTick[] = [];
  for (let decade = lowDecade; decade <= highDecade; decade++) {
    lossTicks.push({ value: 10 ** decade, at: lossToX(10 ** decade) });
  }
  const probabilityTicks: ChartTick[] = [];
  for (let index = 0; index * probabilityStep <= probabilityTop + 1e-12; index++) {
    const value = Number((index * probabilityStep).toPrecision(12));
    probabilityTicks.push({ value, at: probabilityToY(value) });
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    lossTicks,
    probabilityTicks,
    gross: hasLosses ? curve(gross) : [],
    insured: hasLosses ? curve(insured) : [],
    aggregateX: aggregateLimit >= low && aggregateLimit <= high ? lossToX(aggregateLimit) : null,
    hasLosses,
  };
}

function polyline(points: readonly ChartPoint[]): string {
  return points.map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
}

/** Chinese runs top to bottom with upright characters; English is turned a quarter left, as usual. */
function probabilityAxisTitle(title: string, middleY: number, language: Language): SafeHtml {
  return language === 'zh-CN'
    ? html`<text
        class="axis-title"
        x="14"
        y="${middleY.toFixed(1)}"
        text-anchor="middle"
        style="writing-mode: vertical-rl"
        >${title}</text
      >`
    : html`<text
        class="axis-title"
        transform="translate(14 ${middleY.toFixed(1)}) rotate(-90)"
        text-anchor="middle"
        >${title}</text
      >`;
}

export interface LossExceedanceChartInput {
  readonly gross: readonly ExceedancePoint[];
  readonly insured: readonly ExceedancePoint[];
  /** Policy aggregate limit in major units. */
  readonly aggregateLimit: number;
  readonly currency: string;
}

/** The chart as SVG markup, every label in the reader's language. */
export function renderLossExceedanceChart(input: LossExceedanceChartInput, language: Language): SafeHtml {
  const geometry = lossExceedanceGeometry(input.gross, input.insured, input.aggregateLimit);
  const { plot } = geometry;
  const legendX = plot.right - 150;
  return html`<svg
    class="lec"
    viewBox="0 0 ${geometry.width} ${geometry.height}"
    role="img"
    aria-label="${label(language, 'chartTitle')}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <g class="grid">
      ${geometry.probabilityTicks.map(
        (tick) =>
          html`<line
            x1="${plot.left}"
            x2="${plot.right}"
            y1="${tick.at.toFixed(1)}"
            y2="${tick.at.toFixed(1)}"
          />`,
      )}
      ${geometry.lossTicks.map(
        (tick) =>
          html`<line
            x1="${tick.at.toFixed(1)}"
            x2="${tick.at.toFixed(1)}"
            y1="${plot.top}"
            y2="${plot.bottom}"
          />`,
      )}
    </g>
    <g class="axis">
      <line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" />
      <line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" />
      ${geometry.lossTicks.map(
        (tick) =>
          html`<text x="${tick.at.toFixed(1)}" y="${plot.bottom + 15}" text-anchor="middle"
            >${formatCompactAmount(tick.value, language)}</text
          >`,
      )}
      ${geometry.probabilityTicks.map(
        (tick) =>
          html`<text x="${plot.left - 6}" y="${(tick.at + 3.5).toFixed(1)}" text-anchor="end"
            >${formatPercent(tick.value, language)}</text
          >`,
      )}
      <text
        class="axis-title"
        x="${((plot.left + plot.right) / 2).toFixed(1)}"
        y="${geometry.height - 10}"
        text-anchor="middle"
      >
        ${fillLabel(language, 'chartLossAxis', { currency: input.currency })}
      </text>
      ${probabilityAxisTitle(label(language, 'chartProbabilityAxis'), (plot.top + plot.bottom) / 2, language)}
    </g>
    ${
      geometry.aggregateX === null
        ? null
        : html`<g class="aggregate"
            ><line
              x1="${geometry.aggregateX.toFixed(1)}"
              x2="${geometry.aggregateX.toFixed(1)}"
              y1="${plot.top}"
              y2="${plot.bottom}"
            /><text x="${(geometry.aggregateX - 4).toFixed(1)}" y="${plot.top + 10}" text-anchor="end"
              >${label(language, 'chartAggregate')}</text
            ></g
          >`
    }
    ${
      geometry.hasLosses
        ? html`<polyline class="gross" points="${polyline(geometry.gross)}" />
            <polyline class="insured" points="${polyline(geometry.insured)}" />`
        : html`<text
            class="empty"
            x="${((plot.left + plot.right) / 2).toFixed(1)}"
            y="${((plot.top + plot.bottom) / 2).toFixed(1)}"
            text-anchor="middle"
            >${label(language, 'chartNoLosses')}</text
          >`
    }
    <g class="legend" transform="translate(${legendX} ${plot.top + 22})">
      <line class="gross" x1="0" x2="22" y1="0" y2="0" />
      <text x="28" y="4">${label(language, 'chartGross')}</text>
      <line class="insured" x1="0" x2="22" y1="16" y2="16" />
      <text x="28" y="20">${label(language, 'chartInsured')}</text>
    </g>
  </svg>`;
}
