import { z } from 'zod';
import { UNIT_KINDS } from '../roles.js';
import { phone } from './common.js';

export const unit = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  uscc: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  parentId: z.number().nullable(),
  contactPhone: z.string().nullable(),
  enabled: z.boolean(),
  version: z.number(),
});
export type Unit = z.infer<typeof unit>;

const usccField = z
  .string()
  .max(40)
  .nullable()
  .optional()
  .describe('统一社会信用代码; required for enterprises, validated by its check character');

export const createUnitBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().max(40).nullable().optional(),
  kind: z.enum(UNIT_KINDS),
  uscc: usccField,
  regionId: z.number().int().positive(),
  parentId: z.number().int().positive().nullable(),
  contactPhone: phone,
});
export const updateUnitBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  shortName: z.string().trim().max(40).nullable().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  uscc: usccField,
  regionId: z.number().int().positive().optional(),
  parentId: z.number().int().positive().nullable().optional(),
  contactPhone: phone,
  enabled: z.boolean().optional(),
  version: z.number().int().positive(),
});
