import { BarChart, GaugeChart, LineChart, ScatterChart } from 'echarts/charts';
import type {
  BarSeriesOption,
  GaugeSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// Only what our charts draw is registered, so the bundle carries these pieces and not all of ECharts.
use([
  LineChart,
  BarChart,
  GaugeChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  AriaComponent,
  // SVG: crisp at any zoom, selectable text, and screenshots that do not depend on the GPU.
  SVGRenderer,
]);

/** The options our charts may use: anything outside the registered pieces is a type error. */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GaugeSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | AriaComponentOption
>;

interface EChartProps {
  readonly option: ChartOption;
  /** What the chart shows, for screen readers; the figures themselves belong in a table beside it. */
  readonly label: string;
  readonly height?: number;
  readonly testId?: string;
}

/**
 * One ECharts chart in a div. The chart is made once per mounted element (and language, whose built-in
 * texts ECharts fixes at init), then each new option replaces the previous one.
 */
export function EChart({ option, label, height = 320, testId }: EChartProps) {
  const { i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const language = i18n.language;

  useEffect(() => {
    const container = element.current;
    if (container === null) return undefined;
    const instance = init(container, undefined, {
      renderer: 'svg',
      locale: language.startsWith('zh') ? 'ZH' : 'EN',
    });
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      instance.resize();
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [language]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option, language]);

  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={label}
      style={{ height }}
      {...(testId === undefined ? {} : { 'data-testid': testId })}
    />
  );
}
