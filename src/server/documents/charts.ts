import { renderAsync } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Charts for Word documents (ADR 10): ECharts renders the options to an SVG string without a DOM, resvg turns it into
 * a PNG (Word's SVG support needs a PNG anyway). Chinese labels need a CJK font on the machine (fonts-noto-cjk); without
 * one the chart still renders with missing glyphs, and the document's tables carry the same figures.
 *
 * resvg shapes every SVG text element against the (large) CJK font, which is most of the cost; the charts therefore
 * carry one text element per bar, "label  value" on the left: no title (the document captions the figure), no axis
 * numbers, no labels on the bars. Rendering runs on libuv's thread pool (renderAsync), off the event loop.
 */
use([BarChart, GridComponent, SVGRenderer]);

export interface BarDatum {
  label: string;
  value: number;
}

export interface ChartImage {
  png: Buffer;
  /** size to show in the document, in pixels at 96 dpi */
  width: number;
  height: number;
}

export interface BarChartOptions {
  data: readonly BarDatum[];
  color?: string;
  /** display width in pixels at 96 dpi (the PNG has twice as many, for print); the height follows the rows */
  width?: number;
}

const FONT_FAMILY = 'Noto Sans CJK SC';
const LABEL_SIZE = 13;

/** Display width of a label in pixels: CJK characters a full em, others about half. */
const labelWidth = (label: string) => [...label].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.55 : 1), 0) * LABEL_SIZE;

/** The SVG of a horizontal bar chart, labels on the left, first datum on top. Always disposes the chart. */
export function barChartSvg(options: BarChartOptions): { svg: string; width: number; height: number } {
  const width = options.width ?? 580;
  const rows = options.data.length;
  const height = Math.max(120, 24 + rows * 30);
  const labels = options.data.map((d) => `${d.label}  ${d.value}`).reverse();
  const values = options.data.map((d) => d.value).reverse();
  const left = Math.ceil(Math.min(width / 2, Math.max(40, ...labels.map(labelWidth)) + 18));
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      grid: { left, right: 24, top: 12, bottom: 12 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: '#e5e5e5' } } },
      yAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLabel: { fontSize: LABEL_SIZE, color: '#222', interval: 0 } },
      series: [
        {
          type: 'bar',
          data: values,
          barMaxWidth: 20,
          itemStyle: { color: options.color ?? '#3f6fb5' },
        },
      ],
    });
    return { svg: chart.renderToSVGString(), width, height };
  } finally {
    chart.dispose();
  }
}

/** One horizontal bar chart as a PNG. */
export async function barChartPng(options: BarChartOptions): Promise<ChartImage> {
  const { svg, width, height } = barChartSvg(options);
  const image = await renderAsync(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
  });
  return { png: image.asPng(), width, height };
}
