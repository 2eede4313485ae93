import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the charts the screen draws, so the bundle carries no other.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, CanvasRenderer]);

export type ScreenChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption
>;

/**
 * One ECharts chart. Made once per mounted element (the parent remounts it when the pixel
 * ratio changes: a 4K wall draws twice the pixels), updated in place with the whole option (notMerge, so nothing of an
 * earlier answer stays), disposed on unmount: no chart instance outlives its element.
 */
export function EChart({
  option,
  pixelRatio,
  label,
}: {
  option: ScreenChartOption;
  pixelRatio: number;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: 'canvas', devicePixelRatio: pixelRatio });
    chart.current = instance;
    return () => {
      instance.dispose();
      chart.current = null;
    };
  }, [pixelRatio]);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return <div ref={element} className="ys-chart" role="img" aria-label={label} />;
}
