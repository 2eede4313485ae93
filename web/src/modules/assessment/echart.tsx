import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

type ECharts = Awaited<ReturnType<typeof loadECharts>>;

/**
 * ECharts, only the parts the charts use (bar and line on a canvas), loaded after the page's
 * numbers are on screen: the first screen never waits for it.
 */
const loadECharts = async () => (await import('./echarts-setup')).echarts;

/** One chart; `data-rendered` is set once it has drawn its option (for the browser tests). */
export function EChart({ option, height, testId }: { option: EChartsCoreOption; height: number; testId: string }) {
  const target = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ReturnType<ECharts['init']> | null>(null);
  useEffect(() => {
    let disposed = false;
    let created: ReturnType<ECharts['init']> | null = null;
    void loadECharts().then((echarts) => {
      if (disposed || !target.current) return;
      created = echarts.init(target.current);
      setChart(created);
    });
    const resize = () => created?.resize();
    window.addEventListener('resize', resize);
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      created?.dispose();
    };
  }, []);
  useEffect(() => {
    if (!chart || !target.current) return;
    chart.setOption(option, true);
    target.current.dataset.rendered = 'true';
  }, [chart, option]);
  return <div ref={target} data-testid={testId} style={{ height, width: '100%' }} />;
}
