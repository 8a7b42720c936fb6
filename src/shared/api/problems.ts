import { z } from 'zod';
import { PROBLEM_ACTIONS, PROBLEM_STATUSES } from '../../domain/problem/lifecycle.js';
import { DEADLINE_KINDS, FLAG_LEVELS, PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../domain/problem/vocabulary.js';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const longText = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullable().optional();

export const WARNING_LIGHTS = ['green', 'yellow', 'red', 'severe'] as const;
export const SCHEDULE_STATES = ['not_started', 'behind', 'on_schedule', 'ahead', 'rectified', 'closed'] as const;

export const milestoneInput = z.strictObject({ title: longText(200), dueOn: isoDate });

const problemFields = {
  source: z.enum(PROBLEM_SOURCES),
  roundId: z.number().int().positive().nullable().optional(),
  batchId: z.number().int().positive().nullable().optional(),
  planId: z.number().int().positive().nullable().optional(),
  category: z.enum(PROBLEM_CATEGORIES),
  title: longText(200).describe('问题简述'),
  description: longText(5000).describe('问题描述'),
  regionId: z.number().int().positive(),
  address: optional(300),
  lng: z.number().min(73).max(136).nullable().optional(),
  lat: z.number().min(3).max(54).nullable().optional(),
  enterpriseUnitId: z.number().int().positive().nullable().optional(),
  enterpriseName: optional(200),
  enterpriseUscc: optional(40),
  leadUnitId: z.number().int().positive().nullable().optional(),
  cooperatingUnitIds: z.array(z.number().int().positive()).max(50).optional(),
  leaderUserId: z.number().int().positive().nullable().optional(),
  responsiblePerson: optional(60),
  responsiblePhone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/).nullable().optional(),
  goal: optional(2000),
  measures: optional(5000),
  closingCriteria: z.array(longText(500)).max(30).optional(),
  milestones: z.array(milestoneInput).max(30).optional(),
  deadlineKind: z.enum(DEADLINE_KINDS),
  deadline: isoDate.nullable().optional(),
  flagged: z.boolean().optional(),
  flagLevel: z.enum(FLAG_LEVELS).nullable().optional(),
  isPublic: z.boolean().optional(),
  remarks: optional(2000),
};

export const createProblemBody = z.strictObject(problemFields);
export type CreateProblemInput = z.infer<typeof createProblemBody>;
export const updateProblemBody = z.strictObject({
  ...Object.fromEntries(Object.entries(problemFields).map(([k, v]) => [k, v.optional()])),
  version: z.number().int().positive(),
} as { [K in keyof typeof problemFields]: z.ZodOptional<(typeof problemFields)[K]> } & { version: z.ZodNumber });
export type UpdateProblemInput = z.infer<typeof updateProblemBody>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length))
    .optional();

export const listProblemsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: csv(PROBLEM_STATUSES),
  source: csv(PROBLEM_SOURCES),
  category: csv(PROBLEM_CATEGORIES),
  warning: csv(WARNING_LIGHTS),
  schedule: csv(SCHEDULE_STATES),
  deadlineKind: csv(DEADLINE_KINDS),
  regionId: z.coerce.number().int().positive().optional(),
  leadUnitId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional().describe('lead or cooperating unit'),
  roundId: z.coerce.number().int().positive().optional(),
  batchId: z.coerce.number().int().positive().optional(),
  planId: z.coerce.number().int().positive().optional(),
  leaderUserId: z.coerce.number().int().positive().optional(),
  flagged: z.enum(['true', 'false']).optional(),
  isPublic: z.enum(['true', 'false']).optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
  sort: z.enum(['code', '-code', 'deadline', '-deadline', 'createdAt', '-createdAt', 'warning', '-warning', 'status', '-status']).default('-createdAt'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListProblemsQuery = z.infer<typeof listProblemsQuery>;

export const problemRow = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  source: z.enum(PROBLEM_SOURCES),
  category: z.enum(PROBLEM_CATEGORIES),
  status: z.enum(PROBLEM_STATUSES),
  regionId: z.number(),
  regionName: z.string(),
  leadUnitId: z.number().nullable(),
  leadUnitName: z.string().nullable(),
  deadlineKind: z.enum(DEADLINE_KINDS),
  deadline: z.string().nullable().describe('the deadline in force (after approved extensions)'),
  originalDeadline: z.string().nullable(),
  extended: z.boolean(),
  flagged: z.boolean(),
  flagLevel: z.enum(FLAG_LEVELS).nullable(),
  isPublic: z.boolean(),
  scheduleState: z.enum(SCHEDULE_STATES),
  warningLight: z.enum(WARNING_LIGHTS),
  warningReason: z.string().nullable(),
  warningDueOn: z.string().nullable(),
  rectificationRound: z.number(),
  latestProgress: z.string().nullable(),
  createdAt: z.string(),
});
export type ProblemRow = z.infer<typeof problemRow>;

export const listProblemsResponse = z.object({
  items: z.array(problemRow),
  total: z.number(),
  counts: z.object({ green: z.number(), yellow: z.number(), red: z.number(), severe: z.number() }).describe('warning lights over the whole filtered set'),
});

export const problemAction = z.enum(PROBLEM_ACTIONS);

export const actionBodies = {
  assign: z.strictObject({ note: optional(500) }),
  acknowledge: z.strictObject({ note: optional(500) }),
  report_progress: z.strictObject({
    text: longText(5000),
    milestoneIdsDone: z.array(z.number().int().positive()).max(30).default([]),
    evidenceIds: z.array(z.number().int().positive()).max(100).default([]),
  }),
  return_report: z.strictObject({ reportId: z.number().int().positive(), reason: longText(1000) }),
  request_extension: z.strictObject({ newDeadline: isoDate, reason: longText(1000) }),
  decide_extension: z.strictObject({ extensionId: z.number().int().positive(), approve: z.boolean(), note: optional(1000) }),
  submit_self_check: z.strictObject({
    items: z
      .array(z.strictObject({ criterion: longText(500), statement: longText(2000), evidenceIds: z.array(z.number().int().positive()).max(50).default([]) }))
      .min(1)
      .max(30),
  }),
  start_verification: z.strictObject({ verifierUserId: z.number().int().positive() }),
  record_verification: z.strictObject({
    result: z.enum(['pass', 'fail']),
    onSiteRecord: longText(5000),
    reasons: optional(2000),
    evidenceIds: z.array(z.number().int().positive()).max(100).default([]),
  }),
  record_objection: z.strictObject({ content: longText(5000), receivedOn: isoDate }),
  decide_objection: z.strictObject({ objectionId: z.number().int().positive(), upheld: z.boolean(), note: longText(1000) }),
  end_notice: z.strictObject({}),
  archive: z.strictObject({}),
  file: z.strictObject({ filingNumber: longText(100), filingDate: isoDate }),
  mark_phase_done: z.strictObject({ period: z.string().regex(/^\d{4}(-Q[1-4]|-H[12]|-\d{2})?$/), note: optional(1000) }),
  reopen: z.strictObject({ reason: longText(1000) }),
} as const;
export type ActionBodies = { [K in keyof typeof actionBodies]: z.infer<(typeof actionBodies)[K]> };

const stamp = z.string().describe('ISO-8601 instant');
const person = z.object({ id: z.number(), name: z.string() }).nullable();

export const problemDetail = problemRow.extend({
  description: z.string(),
  roundId: z.number().nullable(),
  roundName: z.string().nullable(),
  batchId: z.number().nullable(),
  batchName: z.string().nullable(),
  planId: z.number().nullable(),
  planName: z.string().nullable(),
  address: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  enterpriseUnitId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  enterpriseUscc: z.string().nullable(),
  cooperatingUnits: z.array(z.object({ id: z.number(), name: z.string() })),
  leader: person,
  responsiblePerson: z.string().nullable(),
  responsiblePhone: z.string().nullable(),
  goal: z.string().nullable(),
  measures: z.string().nullable(),
  closingCriteria: z.array(z.string()),
  remarks: z.string().nullable(),
  assignedOn: z.string().nullable(),
  ackDueOn: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  nextReportDue: z.string().nullable(),
  warningWorkingDaysLeft: z.number().nullable(),
  warningWorkingDaysOverdue: z.number().nullable(),
  verifier: person,
  verificationFailures: z.number(),
  rebounds: z.number(),
  filingNumber: z.string().nullable(),
  filingDate: z.string().nullable(),
  closedOn: z.string().nullable(),
  version: z.number(),
  allowedActions: z.array(problemAction).describe('what the caller may do now; the UI shows exactly these'),
  milestones: z.array(z.object({ id: z.number(), seq: z.number(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), round: z.number() })),
  progressReports: z.array(
    z.object({
      id: z.number(),
      round: z.number(),
      text: z.string(),
      milestoneIdsDone: z.array(z.number()),
      evidenceIds: z.array(z.number()),
      status: z.string(),
      returnReason: z.string().nullable(),
      submittedBy: person,
      submittedAt: stamp,
    }),
  ),
  extensions: z.array(
    z.object({
      id: z.number(),
      currentDeadline: z.string().nullable(),
      newDeadline: z.string(),
      reason: z.string(),
      status: z.string(),
      requestedBy: person,
      requestedAt: stamp,
      decidedBy: person,
      decidedAt: stamp.nullable(),
      decisionNote: z.string().nullable(),
    }),
  ),
  selfChecks: z.array(
    z.object({ id: z.number(), round: z.number(), items: z.array(z.object({ criterion: z.string(), statement: z.string(), evidenceIds: z.array(z.number()) })), signedBy: person, signedAt: stamp }),
  ),
  verifications: z.array(
    z.object({
      id: z.number(),
      round: z.number(),
      verifier: person,
      assignedAt: stamp,
      onSiteRecord: z.string().nullable(),
      result: z.string().nullable(),
      reasons: z.string().nullable(),
      evidenceIds: z.array(z.number()),
      decidedAt: stamp.nullable(),
    }),
  ),
  notices: z.array(
    z.object({
      id: z.number(),
      round: z.number(),
      startsOn: z.string(),
      endsOn: z.string(),
      status: z.string(),
      objections: z.array(z.object({ id: z.number(), content: z.string(), receivedOn: z.string(), decision: z.string(), decisionNote: z.string().nullable() })),
    }),
  ),
  archives: z.array(z.object({ id: z.number(), round: z.number(), archivedAt: stamp, files: z.number(), manifestSha256: z.string() })),
  phaseCompletions: z.array(z.object({ period: z.string(), note: z.string().nullable(), markedAt: stamp })),
  timeline: z.array(
    z.object({
      id: z.number(),
      round: z.number(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      actorName: z.string().nullable(),
      actorUnitName: z.string().nullable(),
      at: stamp,
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type ProblemDetail = z.infer<typeof problemDetail>;
