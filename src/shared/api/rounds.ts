import { z } from 'zod';
import { PLAN_KINDS, ROUND_KINDS } from '../../domain/problem/vocabulary.js';

export const batch = z.object({ id: z.number(), roundId: z.number(), number: z.number(), name: z.string(), receivedOn: z.string().nullable() });
export const round = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(ROUND_KINDS),
  year: z.number(),
  enabled: z.boolean(),
  batches: z.array(batch),
  problems: z.number(),
});
export const createRoundBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(ROUND_KINDS),
  year: z.number().int().min(2015).max(2100),
});
export const createBatchBody = z.strictObject({
  number: z.number().int().min(1).max(999),
  name: z.string().trim().min(1).max(100).optional(),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
});
export const plan = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(PLAN_KINDS),
  parentId: z.number().nullable(),
  yearlyTargets: z.record(z.string(), z.number()),
  problems: z.number(),
  closedByYear: z.record(z.string(), z.number()).describe('problems closed (已销号) per year, to compare with the yearly targets'),
});
export const createPlanBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(PLAN_KINDS),
  parentId: z.number().int().positive().nullable().optional(),
  yearlyTargets: z.record(z.string().regex(/^\d{4}$/), z.number().int().min(0).max(100000)).default({}),
});
