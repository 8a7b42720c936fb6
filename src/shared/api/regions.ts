import { z } from 'zod';
import { REGION_LEVELS } from '../roles.js';

export const region = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentId: z.number().nullable(),
  enabled: z.boolean(),
  version: z.number(),
});
export type Region = z.infer<typeof region>;

export const regionCode = z.string().trim().regex(/^\d{6}(\d{3})?(\d{3})?$/, '6, 9 or 12 digits');

export const createRegionBody = z.strictObject({
  code: regionCode,
  name: z.string().trim().min(1).max(64),
  parentId: z.number().int().positive().nullable(),
});
export const updateRegionBody = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  parentId: z.number().int().positive().nullable().optional(),
  enabled: z.boolean().optional(),
  version: z.number().int().positive().describe('The version you edited; a stale version is refused with CONFLICT'),
});
