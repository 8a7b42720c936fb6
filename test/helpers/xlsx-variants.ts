import { deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Workbooks written by hand, part by part, in the shapes other programs save (Excel, WPS, LibreOffice, libraries):
 * inline strings, shared formulas, 1904 dates, no dimension, cells without `r`… and zips built byte by byte, to test
 * the .xlsx reader (src/server/ledger/xlsx-reader.ts) on what exceljs-written fixtures never contain.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface HandSheet {
  name: string;
  /** The whole worksheet part (see sheetXml). */
  xml: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  sheetId?: number;
  /** Path inside the zip; xl/worksheets/sheetN.xml by default. */
  path?: string;
  /** The sheet's relationships part (hyperlink targets). */
  rels?: string;
}

export interface HandWorkbook {
  sheets: HandSheet[];
  /** The <si> contents of xl/sharedStrings.xml, or the whole part. */
  sharedStrings?: string[] | string;
  /** The whole xl/styles.xml part (see stylesXml). */
  styles?: string;
  /** Attributes of <workbookPr>, e.g. 'date1904="1"'. */
  workbookPr?: string;
  /** Written after </sheets> in xl/workbook.xml (definedNames). */
  afterSheets?: string;
  /** More parts, by path. */
  extra?: Record<string, string>;
}

/** A worksheet part: <sheetData> holding `rows`, then `after` (mergeCells, hyperlinks…). */
export function sheetXml(rows: string, options: { before?: string; after?: string } = {}): string {
  return `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${options.before ?? ''}<sheetData>${rows}</sheetData>${options.after ?? ''}</worksheet>`;
}

/** A styles part with these custom number formats and one cellXfs entry per number format id (style 0, 1, 2…). */
export function stylesXml(numFmts: [number, string][], xfNumFmtIds: number[]): string {
  const fmts = numFmts.length
    ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`).join('')}</numFmts>`
    : '';
  return (
    `${DECLARATION}<styleSheet xmlns="${MAIN}">${fmts}<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>` +
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfNumFmtIds.length}">${xfNumFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="1"><dxf><numFmt numFmtId="190" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>'
  );
}

export const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The parts of a hand-made workbook, by path. */
export function handParts(book: HandWorkbook): Record<string, string> {
  const parts: Record<string, string> = {};
  const sheetEntries = book.sheets.map((sheet, i) => ({ ...sheet, path: sheet.path ?? `xl/worksheets/sheet${i + 1}.xml`, rId: `rId${i + 1}` }));
  parts['[Content_Types].xml'] =
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
  parts['_rels/.rels'] =
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['xl/workbook.xml'] =
    `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr ${book.workbookPr ?? ''}/><sheets>` +
    sheetEntries
      .map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${s.sheetId ?? i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="${s.rId}"/>`)
      .join('') +
    `</sheets>${book.afterSheets ?? ''}</workbook>`;
  const rels = sheetEntries.map((s) => `<Relationship Id="${s.rId}" Type="${REL}/worksheet" Target="${s.path.replace(/^xl\//, '')}"/>`);
  if (book.sharedStrings) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (book.styles) rels.push(`<Relationship Id="rIdY" Type="${REL}/styles" Target="styles.xml"/>`);
  parts['xl/_rels/workbook.xml.rels'] = `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  for (const s of sheetEntries) {
    parts[s.path] = s.xml;
    if (s.rels) parts[s.path.replace(/([^/]+)$/, '_rels/$1.rels')] = s.rels;
  }
  if (book.sharedStrings !== undefined) {
    parts['xl/sharedStrings.xml'] = Array.isArray(book.sharedStrings)
      ? `${DECLARATION}<sst xmlns="${MAIN}" count="${book.sharedStrings.length}" uniqueCount="${book.sharedStrings.length}">${book.sharedStrings.map((si) => `<si>${si}</si>`).join('')}</sst>`
      : book.sharedStrings;
  }
  if (book.styles) parts['xl/styles.xml'] = book.styles;
  return { ...parts, ...book.extra };
}

/** A hand-made workbook as an .xlsx (deflated with fflate). */
export function handWorkbook(book: HandWorkbook): Buffer {
  return zipParts(handParts(book));
}

export function zipParts(parts: Record<string, string | Uint8Array>): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]))));
}

/** The parts of an .xlsx as text. */
export function partsOf(xlsx: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(xlsx)).map(([k, v]) => [k, strFromU8(v)]));
}

/** An .xlsx with one part changed. */
export function editPart(xlsx: Uint8Array, path: string, edit: (xml: string) => string): Buffer {
  const parts = partsOf(xlsx);
  if (!(path in parts)) throw new Error(`no part ${path}`);
  parts[path] = edit(parts[path]!);
  return zipParts(parts);
}

export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated (default), anything else as given. */
  method?: number;
  flags?: number;
  /** The uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
}

/** A zip built byte by byte, to write what no zip library writes (wrong sizes, zip64 markers, other methods). */
export function rawZip(entries: RawEntry[], options: { zip64End?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64End ? 0xffff : entries.length, 8);
  end.writeUInt16LE(options.zip64End ? 0xffff : entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(options.zip64End ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A hand-made workbook as a zip built byte by byte (see rawZip), each part changed by `entry` as wanted. */
export function rawWorkbook(book: HandWorkbook, entry: (e: RawEntry) => RawEntry = (e) => e): Buffer {
  return rawZip(Object.entries(handParts(book)).map(([name, text]) => entry({ name, data: strToU8(text) })));
}
