import { z } from 'zod';
import { PROBLEM_STATUSES } from '../../domain/problem/lifecycle.js';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../domain/problem/vocabulary.js';
import { text } from './common.js';
import { isoDate } from './problems.js';

/** 回头看 (look-back, domain.md §4): the coordinator draws closed problems, checkers revisit, each is 巩固 or 反弹. */

export const LOOKBACK_RESULTS = ['consolidated', 'rebound'] as const;
export type LookbackResult = (typeof LOOKBACK_RESULTS)[number];
export const CAMPAIGN_STATUSES = ['open', 'completed'] as const;

const seed = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .describe('Random seed of the draw; generated and stored when absent, so the draw can be redone and audited');

export const samplingInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({
    kind: z.literal('stratified'),
    ratio: z.number().gt(0).lte(1).describe('proportion drawn from each lead unit (at least one per unit)'),
    seed: seed.optional(),
  }),
]);

export const campaignFilter = z
  .strictObject({
    closedFrom: isoDate.optional().describe('销号 on or after'),
    closedTo: isoDate.optional().describe('销号 on or before'),
    category: z.enum(PROBLEM_CATEGORIES).optional(),
    source: z.enum(PROBLEM_SOURCES).optional(),
  })
  .refine((f) => !f.closedFrom || !f.closedTo || f.closedFrom <= f.closedTo, { message: 'closedFrom must not be after closedTo', path: ['closedTo'] });

export const createCampaignBody = z.strictObject({
  name: text(100),
  sampling: samplingInput,
  filter: campaignFilter.optional(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

/** What is stored in lookback_campaigns.sampling: the input, the seed actually used, and the draw's counts. */
export const storedSampling = z.object({
  kind: z.enum(['all', 'stratified']),
  ratio: z.number().optional(),
  seed: z.string().optional(),
  stratifiedBy: z.literal('lead_unit').optional(),
  filter: z.object({ closedFrom: z.string().optional(), closedTo: z.string().optional(), category: z.string().optional(), source: z.string().optional() }).optional(),
  population: z.number().describe('closed problems matching the filter in the coordinator scope at the draw'),
  drawn: z.number(),
  strata: z.array(z.object({ stratum: z.string(), population: z.number(), drawn: z.number() })).optional(),
});
export type StoredSampling = z.infer<typeof storedSampling>;

const person = z.object({ id: z.number(), name: z.string() }).nullable();

export const campaignCounts = z.object({
  total: z.number(),
  checked: z.number(),
  consolidated: z.number(),
  rebound: z.number(),
});

export const campaignSummary = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  sampling: storedSampling,
  createdBy: person,
  createdAt: z.string(),
  counts: campaignCounts,
});
export type CampaignSummary = z.infer<typeof campaignSummary>;

export const listCampaignsQuery = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;
export const listCampaignsResponse = z.object({ items: z.array(campaignSummary), total: z.number() });

export const lookbackCheck = z.object({
  id: z.number(),
  campaignId: z.number(),
  campaignName: z.string(),
  problemId: z.number(),
  problemCode: z.string(),
  problemTitle: z.string(),
  problemStatus: z.enum(PROBLEM_STATUSES),
  rectificationRound: z.number(),
  leadUnit: person,
  checker: person,
  result: z.enum(LOOKBACK_RESULTS).nullable(),
  note: z.string().nullable(),
  evidenceIds: z.array(z.number()),
  checkedAt: z.string().nullable(),
});
export type LookbackCheck = z.infer<typeof lookbackCheck>;

export const campaignDetail = campaignSummary.extend({
  checks: z.array(lookbackCheck).describe('the checks on problems within your scope, by problem code'),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const assignCheckersBody = z.strictObject({
  checks: z
    .array(z.strictObject({ checkId: z.number().int().positive(), checkerUserId: z.number().int().positive() }))
    .min(1)
    .max(500)
    .refine((list) => new Set(list.map((c) => c.checkId)).size === list.length, { message: 'each check once' }),
});
export type AssignCheckersInput = z.infer<typeof assignCheckersBody>;

export const recordCheckBody = z.strictObject({
  result: z.enum(LOOKBACK_RESULTS).describe('巩固 consolidated | 反弹 rebound (reopens the problem in a new rectification round)'),
  note: text(1000).describe('what the checker found on site (for a rebound: the reason of the reopening)'),
  evidenceIds: z.array(z.number().int().positive()).max(100).default([]),
});
export type RecordCheckInput = z.infer<typeof recordCheckBody>;
