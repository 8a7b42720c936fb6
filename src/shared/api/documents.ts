import { z } from 'zod';
import { isValidIsoDate } from '../../domain/calendar/calendar.js';
import { PROBLEM_STATUSES } from '../../domain/problem/lifecycle.js';
import { optionalText } from './common.js';
import { isoDate } from './problems.js';

/** The media type of every Word document the API returns. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A real calendar day 'YYYY-MM-DD' (not 2026-02-30). */
const day = isoDate.refine(isValidIsoDate, { message: 'not a calendar date' });

/** How the Word answers are described in the OpenAPI document (content type and the attachment header). */
export const docxResponse = {
  description: "The Word document (.docx), with `Content-Disposition: attachment; filename*=UTF-8''<name>.docx`",
  content: { [DOCX_MEDIA_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
};

/** 督办通知单: what the coordinator may add when issuing (both optional). */
export const supervisionNoticeBody = z.strictObject({
  replyBy: day.optional().describe('报送期限; default: 5 working days after today'),
  note: optionalText(500).describe('an extra requirement, printed after the standard ones'),
});
export type SupervisionNoticeInput = z.infer<typeof supervisionNoticeBody>;

/** The period of a bulletin; both ends inclusive, China calendar days. Default: the last full month. */
export const bulletinQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'give both from and to, or neither' });
export type BulletinQuery = z.infer<typeof bulletinQuery>;

const period = z.object({ from: isoDate, to: isoDate, label: z.string().describe('as the title names it, e.g. 2026年10月') });
const change = z.object({ current: z.number(), previous: z.number(), delta: z.number() });

export const bulletinSummary = z.object({
  period,
  previousPeriod: period,
  asOf: isoDate.describe('the day the figures were counted (stocks are as of this day)'),
  scopeName: z.string().describe("the caller's region, as the text names it"),
  totals: z.object({
    total: z.number(),
    byStatus: z.record(z.enum(PROBLEM_STATUSES), z.number()),
    /** closed (已销号) */
    closed: z.number(),
    /** rectification claimed, closing steps under way (自查申请 … 已归档) */
    rectifiedNotClosed: z.number(),
    /** handed out and still being rectified (已交办 / 已签收 / 整改中) */
    inProgress: z.number(),
    /** handed out, not rectified, deadline in force before asOf */
    overdue: z.number(),
  }),
  flows: z.object({
    newProblems: change.describe('registered in the period'),
    rectified: change.describe('rectification claimed (self-check signed) in the period, or closed when no such day is kept'),
    closed: change.describe('closed (filed, 已销号) in the period'),
    newlyOverdue: change.describe('deadline in force fell in the period (before asOf) and was not met'),
  }),
  warnings: z.object({ yellow: z.number(), red: z.number(), severe: z.number() }),
  targets: z.object({
    year: z.number(),
    plans: z.array(z.object({ planId: z.number(), name: z.string(), depth: z.number(), target: z.number(), closed: z.number(), rate: z.number().nullable() })),
    all: z.object({ target: z.number().nullable().describe('sum of the top-level plans’ targets, null without any'), closed: z.number().describe('all problems closed in the year up to the period’s end') }),
  }),
  overdueByUnit: z.array(z.object({ unitId: z.number(), unitName: z.string(), shortName: z.string().nullable(), overdue: z.number(), severe: z.number() })),
  rebounds: z.object({
    count: z.number(),
    previous: z.number(),
    items: z.array(z.object({ problemId: z.number(), code: z.string(), title: z.string(), leadUnitName: z.string().nullable(), checkedOn: isoDate })),
  }),
  ranking: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      due: z.number(),
      onTime: z.number(),
      late: z.number(),
      rate: z.number().nullable(),
      rank: z.number().nullable(),
    }),
  ),
});
export type BulletinSummary = z.infer<typeof bulletinSummary>;

/** A supervision notice as issued and kept (GET /api/documents/:id downloads it again, same bytes, same number). */
export const issuedDocument = z.object({
  id: z.number(),
  kind: z.enum(['problem_notice', 'unit_notice']).describe('about one problem, or to one unit about its warned problems'),
  documentNumber: z.string().describe('文号, e.g. 青督办〔2026〕3号'),
  problemId: z.number().nullable(),
  problemCode: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  issuedAt: z.string().describe('ISO instant'),
  issuedBy: z.object({ id: z.number(), name: z.string() }),
  replyBy: isoDate.describe('报送期限 set in the notice'),
  fileName: z.string(),
  size: z.number().describe('bytes of the .docx'),
  sha256: z.string().describe('of the .docx, as issued'),
  problemCount: z.number().describe('problems the notice lists'),
});
export type IssuedDocument = z.infer<typeof issuedDocument>;
export const issuedDocumentList = z.object({ items: z.array(issuedDocument).describe('newest first') });
export type IssuedDocumentList = z.infer<typeof issuedDocumentList>;
