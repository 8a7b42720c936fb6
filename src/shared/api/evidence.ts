import { z } from 'zod';

/** The API contract of evidence (佐证材料), shared by the server routes and the web app. */

export const EVIDENCE_PURPOSES = ['progress', 'self_check', 'verification', 'lookback', 'other'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];
export const PAIR_ROLES = ['before', 'after'] as const;
export type PairRole = (typeof PAIR_ROLES)[number];

const stamp = z.string().describe('ISO-8601 instant');

export const evidenceItem = z.object({
  id: z.number(),
  problemId: z.number(),
  round: z.number().describe('rectification round the file belongs to'),
  sha256: z.string().describe('SHA-256 of the bytes, hex'),
  size: z.number(),
  mimeType: z.string().describe('detected from the content, not the declared type'),
  originalName: z.string(),
  kind: z.enum(['photo', 'document']),
  purpose: z.enum(EVIDENCE_PURPOSES),
  pairRole: z.enum(PAIR_ROLES).nullable(),
  pairKey: z.string().nullable().describe('before/after photos of the same spot share a pair key'),
  capturedAt: stamp.nullable().describe('capture time reported by the device, when allowed'),
  captureLng: z.string().nullable(),
  captureLat: z.string().nullable(),
  uploadedBy: z.object({ id: z.number(), name: z.string() }),
  uploadedAt: stamp,
  reusedOn: z
    .array(z.object({ problemId: z.number(), code: z.string() }))
    .describe('other problems the caller may see carrying the very same file: a reused photo is suspicious'),
  reusedElsewhere: z.number().describe('how many problems outside the caller\'s scope carry the same file (never which)'),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

/** Empty form fields count as absent (browsers send empty inputs). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The text fields of the multipart upload, next to the single `file` part. */
export const uploadFields = z.strictObject({
  purpose: z.enum(EVIDENCE_PURPOSES),
  pairRole: optional(z.enum(PAIR_ROLES)),
  pairKey: optional(z.string().trim().min(1).max(60)),
  capturedAt: optional(z.iso.datetime({ offset: true }).transform((s) => new Date(s))),
  captureLng: optional(z.coerce.number().min(-180).max(180)),
  captureLat: optional(z.coerce.number().min(-90).max(90)),
});
export type UploadFieldsInput = z.input<typeof uploadFields>;
