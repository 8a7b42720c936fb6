import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The page and type of Chinese official documents (GB/T 9704-2012 《党政机关公文格式》), shared by every Word document
 * the server writes. Builders are pure: data in, a .docx Buffer out (ADR 10).
 *
 *  - A4 (210 × 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm type area.
 *  - Body 3号 (16 pt) 仿宋_GB2312, 22 lines of 28 characters: the line pitch is exactly 28.95 pt and a document grid
 *    of 28 characters per line (charSpace) squeezes each character to 156 mm ÷ 28.
 *  - Titles 2号 (22 pt) 小标宋; level-1 headings 黑体, level-2 headings 楷体_GB2312.
 *  - 发文机关标志 in red 小标宋, a red separator line as wide as the type area, page numbers "— 1 —" in 4号 (14 pt)
 *    宋体 7 mm below the type area, odd pages right and even pages left ("outside"), one character in.
 *
 * The fonts are named as Chinese offices have them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312); the font table gives each
 * a fallback that every Chinese Windows has (宋体, 仿宋, 楷体, 黑体), so the document still looks right without them.
 */

/** Twips (1/1440 inch) from millimetres. */
export const mm = (value: number) => Math.round((value / 25.4) * 1440);

export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;

/** Width of the type area in twips (156 mm). */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  song: '宋体',
} as const;

/** Chinese type sizes in half-points (docx `size`). */
export const SIZE = {
  /** 初号 42 pt */
  chu: 84,
  /** 2号 22 pt */
  er: 44,
  /** 3号 16 pt */
  san: 32,
  /** 4号 14 pt */
  si: 28,
  /** 小4号 12 pt */
  xiaosi: 24,
  /** 5号 10.5 pt */
  wu: 21,
} as const;

/** 28.95 pt in twentieths of a point: 22 lines in the 225 mm type area. */
export const LINE_PITCH = 579;
/** Characters per line of the body. */
export const CHARS_PER_LINE = 28;
/** Width of one body character on the grid, in twips (156 mm ÷ 28). */
export const CHAR = Math.round(TEXT_WIDTH / CHARS_PER_LINE);

export const RED = 'FF0000';

/** A run with the East Asian font set (Word picks the font of a CJK character from eastAsia). */
export function run(text: string, options: { font?: string; size?: number; bold?: boolean; color?: string; underline?: boolean } = {}): TextRun {
  const font = options.font ?? FONT.body;
  return new TextRun({
    text,
    font: { ascii: font, hAnsi: font, eastAsia: font, cs: font, hint: 'eastAsia' },
    size: options.size ?? SIZE.san,
    bold: options.bold,
    color: options.color,
    ...(options.underline ? { underline: {} } : {}),
  });
}

const exact = (line = LINE_PITCH) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

/** A body paragraph: 仿宋 3号, the first line indented two characters, exact 28.95 pt lines, justified. */
export function body(content: string | ParagraphChild[], options: { indent?: boolean; align?: 'left' | 'center' | 'right' | 'both' } = {}): Paragraph {
  return new Paragraph({
    children: typeof content === 'string' ? [run(content)] : content,
    alignment: options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : options.align === 'left' ? AlignmentType.LEFT : AlignmentType.BOTH,
    indent: options.indent === false ? undefined : { firstLine: 2 * CHAR },
    spacing: exact(),
  });
}

/** An empty body line (GB/T 9704 counts vertical space in lines). */
export const blank = () => new Paragraph({ children: [run('')], spacing: exact() });

/** 一级标题 "一、…" in 黑体, indented like the body. */
export const heading = (text: string) => body([run(text, { font: FONT.heading })]);

/** 二级标题 "（一）…" in 楷体; `rest` continues the paragraph in 仿宋. */
export const subheading = (text: string, rest = '') => body([run(text, { font: FONT.subheading }), ...(rest ? [run(rest)] : [])]);

/** 标题: 2号 小标宋, centred, lines of 35 pt (a long title wraps into a balanced second line). */
export function title(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, { font: FONT.title, size: SIZE.er })],
    alignment: AlignmentType.CENTER,
    spacing: exact(700),
  });
}

/**
 * The largest size, in half-points, at which `text` fits the type area on one line, never above 初号 nor below 小2号
 * (GB/T 9704: the 发文机关标志 is set to look balanced, at most 22 mm high).
 */
export function fitSize(text: string, maxHalfPoints: number = SIZE.chu, minHalfPoints = 36): number {
  const chars = Math.max(1, [...text].length);
  const widthPt = TEXT_WIDTH / 20;
  const fit = Math.floor((widthPt / chars) * 2);
  return Math.max(minHalfPoints, Math.min(maxHalfPoints, fit));
}

/** 发文机关标志: the issuer's name in red 小标宋, centred, as large as fits. */
export function issuerMark(name: string, suffix = ''): Paragraph {
  const text = `${name}${suffix}`;
  const size = fitSize(text);
  return new Paragraph({
    children: [run(text, { font: FONT.title, size, color: RED })],
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.max(LINE_PITCH, size * 10 + 200), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  });
}

/** 发文字号, centred under the issuer's mark, then the red separator line 4 mm below it. */
export function numberAndSeparator(documentNumber: string): Paragraph[] {
  return [
    new Paragraph({ children: [run(documentNumber)], alignment: AlignmentType.CENTER, spacing: exact() }),
    separator(),
  ];
}

/** 红色分隔线: as wide as the type area. */
export function separator(color = RED): Paragraph {
  return new Paragraph({
    children: [],
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color, space: 1 } },
    spacing: { line: 120, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  });
}

/** 主送机关: flush left, names separated by 、, ending with a full-width colon. */
export function recipients(names: readonly string[]): Paragraph {
  return body(`${names.join('、')}：`, { indent: false, align: 'left' });
}

/** Approximate width of a text in body characters: CJK and full-width characters 1, ASCII ½. */
export function textWidthChars(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return width;
}

/**
 * 发文机关署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2): one line below the body, the issuer right-indented
 * two characters; the date on the next line, its first character two characters right of the issuer's first; when
 * the date is the longer, the date is right-indented two characters and the issuer moves left to keep that offset.
 */
export function signature(issuer: string, date: string): Paragraph[] {
  const ls = textWidthChars(issuer);
  const ld = textWidthChars(date);
  const dateRight = Math.max(2, ls - ld);
  const issuerRight = dateRight + ld + 2 - ls;
  const line = (text: string, rightChars: number) =>
    new Paragraph({ children: [run(text)], alignment: AlignmentType.RIGHT, indent: { right: Math.round(rightChars * CHAR) }, spacing: exact() });
  return [blank(), line(issuer, issuerRight), line(date, dateRight)];
}

/**
 * 版记: the closing block with 抄送 (copies) and 印发机关/印发日期 between thin lines (the first and last lines thicker),
 * in 4号 仿宋, as GB/T 9704 §7.4 places it at the end of the document.
 */
export function imprint(printer: string, printedOn: string, copies: readonly string[] = []): Paragraph[] {
  const rule = (size: number) => new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size, color: '000000', space: 1 } }, spacing: { line: 120, lineRule: LineRuleType.EXACT, before: 0, after: 0 } });
  const small = (content: ParagraphChild[], align: 'left' | 'both' = 'left') =>
    new Paragraph({
      children: content,
      alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.BOTH,
      indent: { left: CHAR, right: CHAR },
      spacing: exact(),
    });
  const out: Paragraph[] = [blank(), rule(8)];
  if (copies.length) {
    out.push(small([run(`抄送：${copies.join('，')}。`, { size: SIZE.si })]));
    out.push(rule(4));
  }
  out.push(
    new Paragraph({
      children: [run(printer, { size: SIZE.si }), new TextRun({ text: '\t' }), run(`${printedOn}印发`, { size: SIZE.si })],
      tabStops: [{ type: 'right', position: TEXT_WIDTH - CHAR }],
      indent: { left: CHAR },
      spacing: exact(),
    }),
  );
  out.push(rule(8));
  return out;
}

/** A footer "— N —" (the PAGE field), 4号 宋体, one character in from the outside edge. */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const font = { ascii: FONT.song, hAnsi: FONT.song, eastAsia: FONT.song, cs: FONT.song, hint: 'eastAsia' as const };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: SIZE.si })],
      }),
    ],
  });
}

export interface TableColumn {
  /** relative width; the columns share the type area */
  width: number;
}

/** A cell of a form or figure table: 仿宋 (or the given font) at 小4号, lines of 20 pt. */
export function cell(
  content: string | Paragraph[],
  options: { span?: number; bold?: boolean; font?: string; align?: 'left' | 'center' | 'right'; size?: number; shade?: boolean } = {},
): TableCell {
  const paragraphs =
    typeof content === 'string'
      ? content.split('\n').map(
          (line) =>
            new Paragraph({
              children: [run(line, { font: options.font, size: options.size ?? SIZE.xiaosi, bold: options.bold })],
              alignment: options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
              spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            }),
        )
      : content;
  return new TableCell({
    children: paragraphs,
    columnSpan: options.span,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(options.shade ? { shading: { fill: 'F2F2F2', type: 'clear', color: 'auto' } } : {}),
  });
}

/** A bordered table across the type area; `widths` are relative column widths. */
export function table(widths: readonly number[], rows: readonly TableCell[][], options: { header?: boolean } = {}): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: rows.map((cells, i) => new TableRow({ children: cells, tableHeader: options.header === true && i === 0, cantSplit: true })),
  });
}

export interface OfficialDocumentOptions {
  title: string;
  /** what the document is, for its properties */
  subject?: string;
  creator?: string;
  children: ISectionOptions['children'];
}

/** The whole document: page, grid, default type and the outside page numbers. */
export function officialDocument(options: OfficialDocumentOptions): Document {
  const bodyFont = { ascii: FONT.body, hAnsi: FONT.body, eastAsia: FONT.body, cs: FONT.body, hint: 'eastAsia' as const };
  return new Document({
    title: options.title,
    subject: options.subject,
    creator: options.creator ?? 'ducha',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: bodyFont, size: SIZE.san },
          paragraph: { spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, header: mm(15), footer: mm(22), gutter: 0 },
          },
          grid: { type: 'linesAndChars', linePitch: LINE_PITCH, charSpace: charSpace() },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: options.children,
      },
    ],
  });
}

/**
 * The grid's character pitch adjustment, in 4096ths of a point relative to the 16 pt body size, that fits
 * CHARS_PER_LINE characters in the type area (the value Chinese templates carry, about −849).
 */
export function charSpace(): number {
  const pitchPt = TEXT_WIDTH / 20 / CHARS_PER_LINE;
  return Math.round((pitchPt - SIZE.san / 2) * 4096);
}

/** The fonts and the fallback Word uses where a font is missing (word/fontTable.xml). */
const FONT_TABLE: { name: string; alt: string; family: string; pitch: string }[] = [
  { name: FONT.title, alt: '宋体', family: 'roman', pitch: 'variable' },
  { name: FONT.body, alt: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: FONT.subheading, alt: '楷体', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading, alt: 'SimHei', family: 'modern', pitch: 'fixed' },
  { name: FONT.song, alt: 'SimSun', family: 'auto', pitch: 'variable' },
];

function fontTableXml(): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const fonts = FONT_TABLE.map(
    (f) => `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.alt)}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

/** Pack the document, with the font table of FONT_TABLE (docx writes an empty one). */
export async function packDocument(doc: Document): Promise<Buffer> {
  const packed = await Packer.toBuffer(doc);
  const files = unzipSync(new Uint8Array(packed));
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  // Keep [Content_Types].xml first, as Word and most readers expect.
  const ordered: Record<string, Uint8Array> = {};
  if (files['[Content_Types].xml']) ordered['[Content_Types].xml'] = files['[Content_Types].xml'];
  for (const [name, data] of Object.entries(files)) if (name !== '[Content_Types].xml') ordered[name] = data;
  return Buffer.from(zipSync(ordered, { level: 6 }));
}
