import { BarChart, GaugeChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what our charts draw is registered, so the bundle carries these pieces and not all of ECharts. This
// module is imported dynamically by echart.tsx: pages without a chart (sign-in, lists) never load it.
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

export { init };
