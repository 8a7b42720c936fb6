import { z } from 'zod';

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const errorBody = z.object({
  code: z.string().describe('Stable machine-readable error code'),
  message: z.string().describe("Human-readable message in the caller's language"),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** Trimmed, non-empty text of bounded length; full-width spaces count as spaces. */
export const text = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\u3000/g, ' ').trim())
    .pipe(z.string().min(1).max(max));
export const optionalText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\u3000/g, ' ').trim())
    .pipe(z.string().max(max))
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
export const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
export const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, 'phone: digits, spaces, + - ( ) only, 5–20 characters')
  .nullable()
  .optional();
