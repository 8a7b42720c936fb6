import { z } from 'zod';
import { PROBLEM_STATUSES } from '../../domain/problem/lifecycle.js';
import { DEADLINE_KINDS, PROBLEM_CATEGORIES } from '../../domain/problem/vocabulary.js';
import { listProblemsQuery } from './problems.js';

/** The content type of every workbook the API answers with. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Exports take exactly the ledger's filters (the query of GET /api/problems), without paging: a workbook holds the
 * whole filtered set. `sort`, `page` and `pageSize` are checked like the ledger's and then ignored, so the web can
 * pass its ledger query as it is (and a malformed one is refused, not silently read as something else).
 */
export const exportLedgerQuery = listProblemsQuery;
export type ExportLedgerQuery = Omit<z.infer<typeof exportLedgerQuery>, 'page' | 'pageSize' | 'sort'>;

export const SUMMARY_GROUPINGS = ['unit', 'source', 'status'] as const;
export type SummaryGrouping = (typeof SUMMARY_GROUPINGS)[number];

export const exportSummaryQuery = exportLedgerQuery.extend({
  by: z.enum(SUMMARY_GROUPINGS).default('unit').describe('unit = lead unit (牵头单位), source (问题来源) or status (整改状态)'),
});
export type ExportSummaryQuery = z.infer<typeof exportSummaryQuery>;

/** How the binary answers are described in the OpenAPI document (content type and the attachment header). */
export const xlsxResponse = {
  description: "The workbook (.xlsx), streamed, with `Content-Disposition: attachment; filename*=UTF-8''<name>.xlsx` and `X-Export-Rows`",
  content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } },
};

// ───────────────────────────── Public disclosure (对外公开), no sign-in ─────────────────────────────

export const DISCLOSURE_TABS = ['closed', 'progress'] as const;
export type DisclosureTab = (typeof DISCLOSURE_TABS)[number];

/** Paged at most 100 a page: the public side is read by anyone and must stay cheap. */
export const disclosureQuery = z.object({
  tab: z.enum(DISCLOSURE_TABS).default('closed').describe('closed = 已销号问题; progress = 整改进展 of public problems not yet closed'),
  q: z.string().trim().max(100).optional().describe('words in the code or the title'),
  regionId: z.coerce.number().int().positive().optional().describe('a region and everything below it'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DisclosureQuery = z.infer<typeof disclosureQuery>;

/** The public workbook takes only these; anything else in the query is refused (400), as everywhere. */
export const disclosureFileQuery = disclosureQuery.pick({ q: true, regionId: true }).strict();
export type DisclosureFileQuery = z.infer<typeof disclosureFileQuery>;

/** The public fields of a closed problem. The list is decided in src/domain/ledger/disclosure.ts. */
export const publicClosedItem = z.object({
  code: z.string(),
  title: z.string(),
  regionName: z.string(),
  category: z.enum(PROBLEM_CATEGORIES),
  leadUnitName: z.string().nullable(),
  measuresSummary: z.string().nullable().describe('整改措施, shortened, with phone numbers and identity numbers masked'),
  closedOn: z.string().nullable(),
});
export type PublicClosedItem = z.infer<typeof publicClosedItem>;

/** The public fields of a public problem still being rectified. */
export const publicProgressItem = z.object({
  code: z.string(),
  title: z.string(),
  regionName: z.string(),
  category: z.enum(PROBLEM_CATEGORIES),
  leadUnitName: z.string().nullable(),
  deadlineKind: z.enum(DEADLINE_KINDS),
  deadline: z.string().nullable().describe('the deadline in force for a dated deadline'),
  status: z.enum(PROBLEM_STATUSES),
  latestProgress: z.string().nullable().describe('整改进展, shortened, with phone numbers and identity numbers masked'),
});
export type PublicProgressItem = z.infer<typeof publicProgressItem>;

const disclosurePageFields = {
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object({ closed: z.number(), progress: z.number() }).describe('public problems in each table (ignoring q and regionId)'),
  regions: z.array(z.object({ id: z.number(), name: z.string() })).describe('regions that have public problems, for the filter'),
  asOf: z.string().describe('today, YYYY-MM-DD'),
};

export const disclosureResponse = z.discriminatedUnion('tab', [
  z.object({ tab: z.literal('closed'), items: z.array(publicClosedItem), ...disclosurePageFields }),
  z.object({ tab: z.literal('progress'), items: z.array(publicProgressItem), ...disclosurePageFields }),
]);
export type DisclosureResponse = z.infer<typeof disclosureResponse>;
