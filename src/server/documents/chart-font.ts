import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Face, Font } from 'harfbuzzjs';

/**
 * Chart text drawn as outlines (ADR 12). resvg-js can only be given font *files*, and it reads the whole file again
 * for every glyph it shapes or outlines: with the 20 MB Noto CJK collection that was most of a chart's cost. Here the
 * font is read once per process into HarfBuzz (harfbuzzjs, WebAssembly), and ECharts' `<text>` elements are replaced by
 * the glyphs' outlines (`<path>`), so resvg renders the chart without loading any font. Glyph outlines are cached.
 *
 * The outlines are placed as resvg places text (checked against its output): the advance widths from shaping,
 * `text-anchor` on the total advance, and `dominant-baseline: central` as the middle of the font's ascender and
 * descender. Anything this does not handle exactly (a glyph the font lacks, another family, bold, a stroke) makes
 * `outlineText` answer null, and the caller renders the SVG as before, with resvg's system fonts.
 */

/** Where fonts are looked for when `DUCHA_CHART_FONT` does not name a file. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', join(homedir(), '.local/share/fonts'), join(homedir(), '.fonts')];
/** Font files that may hold Noto Sans CJK SC (Debian/Ubuntu, Fedora, Arch, Alpine, the upstream release). */
const FONT_FILE = /^NotoSans(CJK|CJKsc|SC)-Regular\.(ttc|otc|otf|ttf)$/i;
/** At most this many glyph outlines are kept (a few KB each). */
const GLYPH_CACHE_MAX = 8000;

export interface ChartFont {
  /** the family the font answers to, e.g. "Noto Sans CJK SC" */
  readonly family: string;
  /** The SVG with every `<text>` drawn as paths, or null when some text cannot be drawn exactly. */
  outlineText(svg: string): string | null;
}

type HarfBuzz = typeof import('harfbuzzjs');

/** The font file to use: `DUCHA_CHART_FONT`, else the first Noto Sans CJK regular file under the usual font folders. */
export async function findChartFontFile(env: NodeJS.ProcessEnv = process.env, dirs: readonly string[] = FONT_DIRS): Promise<string | null> {
  if (env.DUCHA_CHART_FONT) return env.DUCHA_CHART_FONT;
  for (const dir of dirs) {
    const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    const found = names.filter((n) => FONT_FILE.test(n.split('/').pop() ?? '')).sort();
    if (found[0]) return join(dir, found[0]);
  }
  return null;
}

/**
 * Load the face of `family` from a font file or collection. Null when the file cannot be read, is not a font, or has
 * no face of that family: the caller then renders as before.
 */
export async function loadChartFont(file: string, family: string): Promise<ChartFont | null> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return null;
  }
  const hb: HarfBuzz = await import('harfbuzzjs');
  const blob = new hb.Blob(data);
  // A collection holds several faces (Noto's: JP, KR, SC, TC, HK, then the Mono ones); a face past the end has no upem.
  for (let index = 0; index < 64; index++) {
    const face = new hb.Face(blob, index);
    if (!face.upem) break;
    const names = [face.getName(16, 'en'), face.getName(1, 'en')];
    if (names.includes(family)) return new HarfBuzzChartFont(hb, face, family);
  }
  return null;
}

let defaultFont: Promise<ChartFont | null> | undefined;

/** The process's chart font, loaded on first use; null when the machine has none (charts then render as before). */
export function chartFont(family: string): Promise<ChartFont | null> {
  defaultFont ??= findChartFontFile()
    .then((file) => (file ? loadChartFont(file, family) : null))
    .catch(() => null);
  return defaultFont.then((font) => (font?.family === family ? font : null));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** Attributes of a text element that this drawing honours; any other (stroke, class for hover, …) means "cannot". */
const KEPT = new Set(['transform', 'fill', 'fill-opacity', 'opacity']);
const READ = new Set(['x', 'y', 'style', 'text-anchor', 'dominant-baseline', 'xml:space']);

class HarfBuzzChartFont implements ChartFont {
  private readonly font: Font;
  private readonly upem: number;
  /** baseline offset of `dominant-baseline: central`, in font units (resvg: the middle of ascender and descender) */
  private readonly central: number;
  private readonly glyphs = new Map<number, string>();

  constructor(
    private readonly hb: HarfBuzz,
    face: Face,
    readonly family: string,
  ) {
    this.font = new hb.Font(face);
    this.upem = face.upem;
    const { ascender, descender } = this.font.hExtents();
    this.central = (ascender + descender) / 2;
  }

  outlineText(svg: string): string | null {
    let failed = false;
    const out = svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (_m, attrs: string, content: string) => {
      const drawn = failed ? null : this.drawText(attrs, content);
      if (drawn === null) failed = true;
      return drawn ?? '';
    });
    return failed || /<text\b/.test(out) ? null : out;
  }

  private drawText(attrText: string, content: string): string | null {
    const attrs = new Map<string, string>();
    const rest = attrText.replace(/\s([\w:-]+)="([^"]*)"/g, (_m, name: string, value: string) => {
      attrs.set(name, unescapeXml(value));
      return '';
    });
    if (rest.trim()) return null;
    for (const name of attrs.keys()) if (!KEPT.has(name) && !READ.has(name) && !name.startsWith('ecmeta_')) return null;

    const style = new Map(
      (attrs.get('style') ?? '')
        .split(';')
        .filter((d) => d.trim())
        .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()] as const),
    );
    const size = /^(\d+(?:\.\d+)?)px$/.exec(style.get('font-size') ?? '')?.[1];
    if (!size || style.get('font-family')?.replace(/["']/g, '') !== this.family) return null;
    if ([...style.keys()].some((k) => k !== 'font-size' && k !== 'font-family')) return null;
    const baseline = attrs.get('dominant-baseline') ?? 'auto';
    if (baseline !== 'central' && baseline !== 'auto' && baseline !== 'alphabetic') return null;
    const anchor = attrs.get('text-anchor') ?? 'start';
    if (anchor !== 'start' && anchor !== 'middle' && anchor !== 'end') return null;
    const x = Number(attrs.get('x') ?? 0);
    const y = Number(attrs.get('y') ?? 0);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;

    let text = unescapeXml(content);
    if (attrs.get('xml:space') !== 'preserve') text = text.replace(/[\n\t\r]/g, ' ').replace(/ +/g, ' ').trim();
    if (!text) return '';

    const buffer = new this.hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    this.hb.shape(this.font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    // Glyph 0 is .notdef: the font lacks a character, which resvg would take from another font.
    if (infos.some((g) => g.codepoint === 0)) return null;

    const scale = Number(size) / this.upem;
    const advance = positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
    let penX = x - (anchor === 'end' ? advance : anchor === 'middle' ? advance / 2 : 0);
    const baselineY = y + (baseline === 'central' ? this.central * scale : 0);
    const paths: string[] = [];
    infos.forEach((g, i) => {
      const p = positions[i]!;
      const d = this.outline(g.codepoint);
      if (d) paths.push(`<path transform="matrix(${num(scale)} 0 0 ${num(-scale)} ${num(penX + p.xOffset * scale)} ${num(baselineY - p.yOffset * scale)})" d="${d}"/>`);
      penX += p.xAdvance * scale;
    });
    const kept = [...attrs].filter(([name]) => KEPT.has(name)).map(([name, value]) => ` ${name}="${escapeAttr(value)}"`);
    return `<g${kept.join('')}>${paths.join('')}</g>`;
  }

  private outline(glyph: number): string {
    let d = this.glyphs.get(glyph);
    if (d === undefined) {
      d = this.font.glyphToPath(glyph);
      if (this.glyphs.size >= GLYPH_CACHE_MAX) this.glyphs.clear();
      this.glyphs.set(glyph, d);
    }
    return d;
  }
}
