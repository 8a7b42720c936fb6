/**
 * Problem codes from a configurable pattern, e.g. 'DC{region}-{year}-{seq:4}' → 'DC339901-2026-0042'.
 * Placeholders: {region} (region code), {year} (4 digits), {seq} or {seq:N} (sequence, zero-padded to N).
 */
export function formatProblemCode(pattern: string, values: { region: string; year: number; seq: number }): string {
  return pattern.replace(/\{(region|year|seq)(?::(\d))?\}/g, (_whole, name: string, width?: string) => {
    if (name === 'region') return values.region;
    if (name === 'year') return String(values.year);
    return String(values.seq).padStart(width ? Number(width) : 1, '0');
  });
}

/** The counter a pattern numbers within: per region and year when the pattern names them. */
export function counterKey(pattern: string, values: { region: string; year: number }): string {
  const parts = ['problem'];
  if (pattern.includes('{region}')) parts.push(values.region);
  if (pattern.includes('{year}')) parts.push(String(values.year));
  return parts.join(':');
}
