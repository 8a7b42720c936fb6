import { open } from 'node:fs/promises';

/**
 * The file types accepted as evidence, recognised by their content (magic bytes), never by the declared MIME type
 * alone. The stored and served content type is the detected one.
 */
export const EVIDENCE_TYPES = {
  jpeg: { mime: 'image/jpeg', kind: 'photo', extensions: ['jpg', 'jpeg', 'jfif'] },
  png: { mime: 'image/png', kind: 'photo', extensions: ['png'] },
  webp: { mime: 'image/webp', kind: 'photo', extensions: ['webp'] },
  heic: { mime: 'image/heic', kind: 'photo', extensions: ['heic', 'heif'] },
  pdf: { mime: 'application/pdf', kind: 'document', extensions: ['pdf'] },
  doc: { mime: 'application/msword', kind: 'document', extensions: ['doc'] },
  xls: { mime: 'application/vnd.ms-excel', kind: 'document', extensions: ['xls'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'document', extensions: ['xlsx'] },
  zip: { mime: 'application/zip', kind: 'document', extensions: ['zip'] },
} as const satisfies Record<string, { mime: string; kind: 'photo' | 'document'; extensions: readonly string[] }>;

export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export type EvidenceKind = 'photo' | 'document';

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 64;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

const startsWith = (head: Buffer, bytes: number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, at: number, length: number) => head.subarray(at, at + length).toString('latin1');

/** The container family the first bytes belong to, or null when it is none we accept. */
export type Sniffed = 'jpeg' | 'png' | 'webp' | 'heic' | 'pdf' | 'ole' | 'zip';

export function sniff(head: Buffer): Sniffed | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  // ISO base media file: [size]['ftyp'][major brand]…
  if (ascii(head, 4, 4) === 'ftyp' && HEIC_BRANDS.has(ascii(head, 8, 4))) return 'heic';
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  // OLE2 compound file: .doc, .xls (and other legacy Office files).
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  // Zip local file header, or the end record of an empty zip.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  return null;
}

export function extensionOf(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return null;
  return base.slice(dot + 1).toLowerCase();
}

export type Detection = { ok: true; type: EvidenceType } | { ok: false; reason: 'not_allowed' } | { ok: false; reason: 'mismatch'; detected: string };

const PHOTO_EXTENSIONS: readonly string[] = (['jpeg', 'png', 'webp', 'heic'] as const).flatMap((t) => EVIDENCE_TYPES[t].extensions);

/**
 * Decide the type of an uploaded file from its first bytes, its name and (for zips) the names inside it.
 *
 * - The content must be one of the accepted families, whatever MIME type the browser declared.
 * - The name's extension must agree with the content, because the file is handed back under that name and the
 *   downloader's system opens it by extension: a photo may carry any photo extension or none (cameras and phones
 *   mislabel JPEG/HEIC often); a document must carry its own extension (a PDF may also have none).
 * - Legacy .doc and .xls share one container (OLE2); the extension tells them apart.
 * - .docx and .xlsx are zips; they must contain `word/` and `xl/` parts respectively.
 */
export async function detectType(head: Buffer, name: string, zipEntryNames: () => Promise<string[] | null>): Promise<Detection> {
  const family = sniff(head);
  if (!family) return { ok: false, reason: 'not_allowed' };
  const ext = extensionOf(name);
  switch (family) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'heic':
      return ext === null || PHOTO_EXTENSIONS.includes(ext) ? { ok: true, type: family } : { ok: false, reason: 'mismatch', detected: family };
    case 'pdf':
      return ext === null || ext === 'pdf' ? { ok: true, type: 'pdf' } : { ok: false, reason: 'mismatch', detected: 'pdf' };
    case 'ole':
      if (ext === 'doc' || ext === 'xls') return { ok: true, type: ext };
      return ext === null ? { ok: false, reason: 'not_allowed' } : { ok: false, reason: 'mismatch', detected: 'doc/xls' };
    case 'zip': {
      if (ext === null || ext === 'zip') return { ok: true, type: 'zip' };
      if (ext !== 'docx' && ext !== 'xlsx') return { ok: false, reason: 'mismatch', detected: 'zip' };
      const names = (await zipEntryNames()) ?? [];
      const prefix = ext === 'docx' ? 'word/' : 'xl/';
      return names.some((n) => n.startsWith(prefix)) ? { ok: true, type: ext } : { ok: false, reason: 'mismatch', detected: 'zip' };
    }
  }
}

/** The most central-directory bytes we read to list a zip's entries (about 40,000 entries). */
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/**
 * The entry names of a zip file on disk, from its central directory (found through the end-of-central-directory
 * record in the last 64 KiB). Null when the file is not a readable zip.
 */
export async function zipEntryNamesOf(filePath: string): Promise<string[] | null> {
  const fh = await open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) return null;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    let at = 0;
    for (let n = 0; n < entries && at + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(at) !== 0x02014b50) break;
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      names.push(cd.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}
