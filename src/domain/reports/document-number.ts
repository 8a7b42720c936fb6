/**
 * 发文字号 of the documents the coordinator issues (GB/T 9704-2012 §7.2.4): 机关代字 + 年份 in hexagonal brackets
 * 〔〕 + 发文顺序号 without leading zeros or 第 — "青督办〔2026〕3号".
 */

export interface DocumentNumberParts {
  /** 机关代字, e.g. 青督办 */
  prefix: string;
  year: number;
  /** 顺序号, from 1 */
  seq: number;
}

export function formatDocumentNumber({ prefix, year, seq }: DocumentNumberParts): string {
  const p = prefix.trim();
  if (!p) throw new RangeError('The document number needs a prefix (机关代字)');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year ${String(year)}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Invalid sequence number ${String(seq)}`);
  return `${p}〔${year}〕${seq}号`;
}

/** Reads a number written by formatDocumentNumber back into its parts, or null. Accepts [] or 〔〕 brackets. */
export function parseDocumentNumber(value: string): DocumentNumberParts | null {
  const m = /^(.+?)[〔[](\d{4})[〕\]](\d+)号$/u.exec(value.trim());
  if (!m) return null;
  const seq = Number(m[3]);
  if (seq < 1 || m[3]!.startsWith('0')) return null;
  return { prefix: m[1]!, year: Number(m[2]), seq };
}

/**
 * The code_counters key numbering supervision notices: one sequence per 机关代字 and year, so two offices (or a
 * renamed office) never share or skip numbers.
 */
export function noticeCounterKey(prefix: string, year: number): string {
  return `notice:${prefix.trim()}:${year}`;
}

/**
 * The 机关代字 used when no setting gives one: the first character of the region's name and 督办 — 青溪县 → 青督办.
 */
export function defaultNumberPrefix(regionName: string): string {
  const first = [...regionName.trim()][0];
  return `${first ?? ''}督办`;
}
