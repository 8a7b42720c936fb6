import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';

/** The parts of a .docx (a zip), by name. */
export function docxParts(buffer: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(buffer);
}

export function partXml(buffer: Uint8Array, part = 'word/document.xml'): string {
  const data = docxParts(buffer)[part];
  if (!data) throw new Error(`no part ${part}`);
  return strFromU8(data);
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of each paragraph (w:p) in document order, runs joined; empty paragraphs dropped. */
export function paragraphs(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const text = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join('');
    if (text.trim()) out.push(text);
  }
  return out;
}

/** All the text of the document, paragraphs joined by newlines. */
export function documentText(buffer: Uint8Array): string {
  return paragraphs(partXml(buffer)).join('\n');
}

/** Assert the texts occur in the document in this order. */
export function expectInOrder(text: string, expected: readonly string[]): void {
  let at = 0;
  for (const item of expected) {
    const found = text.indexOf(item, at);
    expect(found, `"${item}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + item.length;
  }
}

/** The GB/T 9704 page: A4 and margins top 37, bottom 35, left 28, right 26 mm (in twips). */
export function expectOfficialPage(xml: string): void {
  expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-\d+"\/>/);
}
