/**
 * A Content-Disposition header carrying a UTF-8 (Chinese) file name: `filename*` per RFC 5987/6266 for every modern
 * browser, plus an ASCII-only `filename` fallback (non-ASCII characters become `_`).
 */
export function contentDisposition(fileName: string, type: 'inline' | 'attachment' = 'attachment'): string {
  const clean = safeFileName(fileName);
  const fallback = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

/** Percent-encode everything outside RFC 5987's attr-char set. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A name safe as a single path segment (download name, entry in a zip): no folders, no control characters, no
 * leading dots, bounded length; never empty.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const bounded = [...cleaned].length > 120 ? keepExtension(cleaned, 120) : cleaned;
  return bounded === '' ? fallback : bounded;
}

function keepExtension(name: string, max: number): string {
  const chars = [...name];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  if (ext.length > 12) return chars.slice(0, max).join('');
  return chars.slice(0, max - ext.length).join('') + ext.join('');
}
