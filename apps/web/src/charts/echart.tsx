import type {
  BarSeriesOption,
  GaugeSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The options our charts may use: anything outside the pieces echarts-runtime.ts registers is a type error. */
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

function withAria(option: ChartOption): ChartOption {
  return { aria: { enabled: true }, ...option };
}

/**
 * One ECharts chart in a div. ECharts arrives in its own chunk on the first chart shown. The chart is made
 * once per mounted element (and language, whose built-in texts ECharts fixes at init), then each new option
 * replaces the previous one.
 */
export function EChart({ option, label, height = 320, testId }: EChartProps) {
  const { i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The option to draw once the chunk has loaded, which may be after several renders.
  const latestOption = useRef(option);
  latestOption.current = option;
  const language = i18n.language;

  useEffect(() => {
    const container = element.current;
    if (container === null) return undefined;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-runtime').then(({ init }) => {
      if (disposed) return;
      const instance = init(container, undefined, {
        renderer: 'svg',
        locale: language.startsWith('zh') ? 'ZH' : 'EN',
      });
      chart.current = instance;
      instance.setOption(withAria(latestOption.current), { notMerge: true });
      observer = new ResizeObserver(() => {
        instance.resize();
      });
      observer.observe(container);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [language]);

  useEffect(() => {
    chart.current?.setOption(withAria(option), { notMerge: true });
  }, [option]);

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
