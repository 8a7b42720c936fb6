import { renderAsync } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { chartFont, type ChartFont } from './chart-font.js';

/**
 * Charts for Word documents (ADR 10): ECharts renders the options to an SVG string without a DOM, resvg turns it into
 * a PNG (Word's SVG support needs a PNG anyway). Chinese labels need a CJK font on the machine (fonts-noto-cjk).
 *
 * The labels are drawn as glyph outlines from the font held in memory (ADR 12, `chart-font.ts`), so resvg loads no
 * font and a chart takes milliseconds. Without the font, or for text the outlines cannot draw exactly, the SVG goes to
 * resvg as it is, with the system fonts: that is correct but slow, as resvg reads the 20 MB font file again for each
 * glyph, and without any CJK font the chart still renders with missing glyphs (the document's tables carry the same
 * figures). The charts carry one text element per bar, "label  value" on the left: no title (the document captions
 * the figure), no axis numbers, no labels on the bars. Rendering runs on libuv's thread pool (renderAsync), off the
 * event loop.
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
  return { png: await svgToPng(svg, width, await chartFont(FONT_FAMILY)), width, height };
}

/** An SVG drawn by ECharts as a PNG at twice its width: text as outlines of `font`, else with resvg's system fonts. */
export async function svgToPng(svg: string, width: number, font: ChartFont | null): Promise<Buffer> {
  let outlined: string | null = null;
  try {
    outlined = font?.outlineText(svg) ?? null;
  } catch {
    // A font HarfBuzz cannot read after all: draw as before.
  }
  const image = await renderAsync(outlined ?? svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: width * 2 },
    font: outlined ? { loadSystemFonts: false } : { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
  });
  return image.asPng();
}
