import type { IndicatorTrend } from '@yiwang/contracts';
import { COUNT_INDICATORS } from '@yiwang/contracts/vocabulary';
import { useEffect, useRef } from 'react';

/** The first units of a ranking drawn as lines over the periods (ECharts, loaded with the first chart). */
export function TrendChart({ trend, top = 8 }: { trend: IndicatorTrend; top?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void (async () => {
      // Only the core, the line chart and the parts it shows: the rest of ECharts stays out of the bundle.
      const [echarts, charts, components, renderers] = await Promise.all([
        import('echarts/core'),
        import('echarts/charts'),
        import('echarts/components'),
        import('echarts/renderers'),
      ]);
      echarts.use([
        charts.LineChart,
        components.GridComponent,
        components.TooltipComponent,
        components.LegendComponent,
        renderers.SVGRenderer,
      ]);
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: 'svg' });
      chart = c;
      const count = COUNT_INDICATORS.includes(trend.indicator);
      c.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 48, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: trend.periods.map((p) => p.firstDay) },
        yAxis: { type: 'value', ...(count ? {} : { min: 0, max: 100, axisLabel: { formatter: '{value}%' } }) },
        series: trend.series.slice(0, top).map((s) => ({
          type: 'line',
          name: s.name,
          connectNulls: false,
          data: s.values.map((v) => (v.value === null ? null : count ? v.value : Math.round(v.value * 1000) / 10)),
        })),
      });
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [trend, top]);
  return <div ref={box} data-testid="assessment-trend-chart" style={{ width: '100%', height: 320 }} />;
}
