import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChartFontFile, loadChartFont, type ChartFont } from '../../src/server/documents/chart-font.js';
import { barChartSvg, svgToPng } from '../../src/server/documents/charts.js';

const FAMILY = 'Noto Sans CJK SC';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const text = (t: string, more = '') =>
  `<svg width="200" height="40" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40"><text dominant-baseline="central" text-anchor="end" style="font-size:13px;font-family:${FAMILY};" transform="translate(180 20)" fill="#222"${more}>${t}</text></svg>`;

describe('chart font files', () => {
  it('takes DUCHA_CHART_FONT first', async () => {
    expect(await findChartFontFile({ DUCHA_CHART_FONT: '/fonts/x.ttc' }, [])).toBe('/fonts/x.ttc');
  });
  it('finds a Noto Sans CJK regular file under the font folders, and nothing in missing folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ducha-fonts-'));
    await writeFile(join(dir, 'DejaVuSans.ttf'), '');
    expect(await findChartFontFile({}, [join(dir, 'missing'), dir])).toBeNull();
    await writeFile(join(dir, 'NotoSansCJK-Regular.ttc'), '');
    expect(await findChartFontFile({}, [join(dir, 'missing'), dir])).toBe(join(dir, 'NotoSansCJK-Regular.ttc'));
  });
  it('loads nothing from a missing file or one that is no font', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ducha-fonts-'));
    await writeFile(join(dir, 'not-a-font.ttc'), 'hello');
    expect(await loadChartFont(join(dir, 'missing.ttc'), FAMILY)).toBeNull();
    expect(await loadChartFont(join(dir, 'not-a-font.ttc'), FAMILY)).toBeNull();
  });
});

describe('charts without the font', () => {
  it('render with the system fonts, as before', async () => {
    const { svg, width, height } = barChartSvg({ data: [{ label: '县水利局', value: 3 }] });
    const png = await svgToPng(svg, width, null);
    expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
    expect(png.readUInt32BE(16)).toBe(width * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);
  });
});

// The machines running the tests have fonts-noto-cjk (.ci/run installs it); elsewhere these are skipped.
const fontFile = await findChartFontFile();
describe.skipIf(!fontFile)('chart text as outlines', () => {
  let font: ChartFont;
  beforeAll(async () => {
    const loaded = await loadChartFont(fontFile!, FAMILY);
    if (!loaded) throw new Error(`${fontFile} has no ${FAMILY}`);
    font = loaded;
  });

  it('draws every text element as paths', () => {
    const { svg } = barChartSvg({ data: [{ label: '县水利局', value: 3 }, { label: 'A&B <x>', value: 5 }] });
    expect(svg).toContain('<text');
    const outlined = font.outlineText(svg);
    expect(outlined).not.toBeNull();
    expect(outlined).not.toContain('<text');
    expect(outlined).toContain('fill="#222"');
    // 县水利局  3 and A&B <x>  5: one path per visible glyph, spaces draw nothing
    expect(outlined!.match(/<path transform="matrix/g)).toHaveLength(5 + 7);
  });

  it('draws the chart as resvg draws the text itself, pixel for pixel', async () => {
    const { svg, width } = barChartSvg({ data: [{ label: '县第一生态环境局分局', value: 12 }, { label: '已销号 A&B', value: 3 }] });
    const options = { fitTo: { mode: 'width' as const, value: width * 2 } };
    const outlined = await renderAsync(font.outlineText(svg)!, { ...options, font: { loadSystemFonts: false } });
    const resvgText = await renderAsync(svg, { ...options, font: { loadSystemFonts: false, fontFiles: [fontFile!], defaultFontFamily: FAMILY } });
    const [a, b] = [outlined.pixels, resvgText.pixels];
    expect(a.length).toBe(b.length);
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > 8 || Math.abs(a[i + 1]! - b[i + 1]!) > 8) differing++;
    expect(differing / (a.length / 4)).toBeLessThan(0.001);
    // and there is text at all: dark pixels left of the bars
    let dark = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i]! < 100 && a[i + 1]! < 100 && a[i + 2]! < 100) dark++;
    expect(dark).toBeGreaterThan(500);
  });

  it('places text by its anchor and the central baseline', () => {
    const at = (anchor: string) => {
      const out = font.outlineText(text('中', ` text-anchor="${anchor}"`).replace(' text-anchor="end"', ''))!;
      return /matrix\(([\d.-]+) 0 0 ([\d.-]+) ([\d.-]+) ([\d.-]+)\)/.exec(out)!.slice(1).map(Number);
    };
    const [scale, flip, xStart, baseline] = at('start');
    expect(scale).toBe(0.013);
    expect(flip).toBe(-0.013);
    expect(xStart).toBe(0);
    expect(at('middle')[2]).toBe(-6.5);
    expect(at('end')[2]).toBe(-13);
    // Noto Sans CJK: ascender 1160, descender -288 → (1160 - 288) / 2 / 1000 em below the given y
    expect(baseline).toBeCloseTo(0.436 * 13, 3);
  });

  it('declines what it cannot draw exactly, so resvg draws it with the system fonts', () => {
    expect(font.outlineText(text('县水利局'))).not.toBeNull();
    expect(font.outlineText(text('\u{E000}'))).toBeNull(); // a character the font lacks
    expect(font.outlineText(text('县').replace(FAMILY, 'Noto Serif CJK SC'))).toBeNull();
    expect(font.outlineText(text('县', ' stroke="#000"'))).toBeNull();
    expect(font.outlineText(text('县').replace('font-family', 'font-weight:bold;font-family'))).toBeNull();
    expect(font.outlineText(text('县', ' dominant-baseline="hanging"').replace('dominant-baseline="central" ', ''))).toBeNull();
  });

  it('unescapes the text and collapses white space unless preserved', () => {
    const glyphs = (svg: string) => font.outlineText(svg)!.match(/<path /g)?.length ?? 0;
    expect(glyphs(text('A&amp;B'))).toBe(3);
    const x = (svg: string) => Number(/matrix\([\d.-]+ 0 0 [\d.-]+ ([\d.-]+)/.exec(font.outlineText(svg)!)![1]);
    // end-anchored: trailing spaces push the glyph left only when preserved
    expect(x(text('县  '))).toBe(-13);
    expect(x(text('县  ', ' xml:space="preserve"'))).toBeLessThan(-13);
  });
});
