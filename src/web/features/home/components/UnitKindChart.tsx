import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerCharts, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

registerCharts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Horizontal bars: how many visible units of each kind. Labels arrive translated. */
export default function UnitKindChart({ rows }: { rows: { label: string; value: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f4' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.value),
          barMaxWidth: 18,
          itemStyle: { color: '#1559a8', borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right', color: '#333' },
        },
      ],
    });
  }, [rows]);

  return <div ref={ref} className="unit-kind-chart" role="img" aria-label={rows.map((r) => `${r.label} ${r.value}`).join('，')} />;
}
