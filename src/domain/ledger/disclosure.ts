import type { ProblemStatus } from '../problem/lifecycle.js';
import type { DeadlineKind, ProblemCategory } from '../problem/vocabulary.js';

/**
 * The disclosure policy (对外公开, domain.md §7): what the public may read about a problem. This file is the ONE place
 * that decides it; the public API, the public workbook and the public page all go through `toPublicClosed` and
 * `toPublicProgress`, which copy the listed fields and nothing else.
 *
 * - Only problems marked 是否公开 (`isPublic`) are disclosed; `isDisclosable` says which table a problem goes to.
 * - Never disclosed: the responsible person and phone (责任人、联系电话), the responsible leader (责任领导), the enterprise
 *   and its unified social credit code (涉及企业、统一社会信用代码), the description (it may carry what a complainant
 *   said, and who), the address and coordinates (a complaint's address may be the complainant's home), internal
 *   remarks (备注), milestones, evidence, verifiers, filing numbers, and anything of a problem that is not public.
 * - The free texts that are disclosed (整改措施 of a closed problem, the latest 整改进展) are shortened and pass
 *   `maskPersonalData`, which masks phone numbers, e-mail addresses, identity-card numbers and credit codes that a
 *   handler may have typed into them.
 */

/** The internal fields of a problem the public tables are computed from (a query selects exactly these). */
export interface DisclosureSource {
  code: string;
  title: string;
  regionName: string;
  category: ProblemCategory;
  leadUnitName: string | null;
  measures: string | null;
  closedOn: string | null;
  deadlineKind: DeadlineKind;
  /** the deadline in force */
  deadline: string | null;
  status: ProblemStatus;
  latestProgress: string | null;
  isPublic: boolean;
}

export interface PublicClosed {
  code: string;
  title: string;
  regionName: string;
  category: ProblemCategory;
  leadUnitName: string | null;
  measuresSummary: string | null;
  closedOn: string | null;
}

export interface PublicProgress {
  code: string;
  title: string;
  regionName: string;
  category: ProblemCategory;
  leadUnitName: string | null;
  deadlineKind: DeadlineKind;
  deadline: string | null;
  status: ProblemStatus;
  latestProgress: string | null;
}

/** The public fields of 已销号问题, in the order the public table and workbook show them. */
export const PUBLIC_CLOSED_FIELDS = ['code', 'title', 'regionName', 'category', 'leadUnitName', 'measuresSummary', 'closedOn'] as const satisfies readonly (keyof PublicClosed)[];
/** The public fields of 整改进展, in order. */
export const PUBLIC_PROGRESS_FIELDS = ['code', 'title', 'regionName', 'category', 'leadUnitName', 'deadlineKind', 'deadline', 'status', 'latestProgress'] as const satisfies readonly (keyof PublicProgress)[];

/**
 * Fields of a problem (as the API and the ledger name them) that are never disclosed. Tests assert that no public
 * field is one of these and that no value of these ever reaches a public answer.
 */
export const PRIVATE_PROBLEM_FIELDS = [
  'responsiblePerson',
  'responsiblePhone',
  'leader',
  'leaderUserId',
  'enterpriseName',
  'enterpriseUscc',
  'enterpriseUnitId',
  'description',
  'address',
  'lng',
  'lat',
  'remarks',
  'goal',
  'closingCriteria',
  'milestones',
  'verifier',
  'verifierUserId',
  'filingNumber',
  'complainant',
  'isPublic',
] as const;

/** Longest disclosed excerpt of a free text, in characters. */
export const PUBLIC_TEXT_MAX = 300;

/** Which public table a problem belongs to, or null when it is not disclosed at all. */
export function isDisclosable(p: Pick<DisclosureSource, 'isPublic' | 'status'>): 'closed' | 'progress' | null {
  if (p.isPublic !== true) return null;
  return p.status === 'closed' ? 'closed' : 'progress';
}

const MASK = '***';
const PATTERNS: RegExp[] = [
  // e-mail addresses
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  // resident identity card numbers (18 characters, last may be X) and unified social credit codes (18 characters)
  /(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g,
  // mainland mobile numbers, optionally with +86 and spaces/dashes (138 1234 5678)
  /(?:\+?86[\s-]?)?(?<![0-9])1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])/g,
  // landlines: area code 0xx(x) with or without a dash or brackets, 7–8 digits, optional extension
  /(?:[(（]0[0-9]{2,3}[)）]|(?<![0-9])0[0-9]{2,3})[\s-－]?[0-9]{7,8}(?:[-－转][0-9]{1,5})?(?![0-9])/g,
  // bare 7–8 digit local numbers after a phone word
  /(?<=(?:电话|手机|联系方式|座机|热线)[:：\s]*)[0-9]{7,8}(?![0-9])/g,
];

/** Mask what identifies or reaches a person in a free text: phone numbers, e-mail, identity and credit codes. */
export function maskPersonalData(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) out = out.replace(pattern, MASK);
  return out;
}

/** A free text as disclosed: masked, white space tidied, cut at `max` characters with an ellipsis. */
export function publicText(text: string | null | undefined, max = PUBLIC_TEXT_MAX): string | null {
  if (text === null || text === undefined) return null;
  const masked = maskPersonalData(text).replace(/[ \t]+/g, ' ').trim();
  if (masked === '') return null;
  const chars = [...masked];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : masked;
}

/** The public row of a closed problem: exactly PUBLIC_CLOSED_FIELDS, whatever else `p` carries. */
export function toPublicClosed(p: DisclosureSource): PublicClosed {
  return {
    code: p.code,
    title: maskPersonalData(p.title),
    regionName: p.regionName,
    category: p.category,
    leadUnitName: p.leadUnitName,
    measuresSummary: publicText(p.measures),
    closedOn: p.closedOn,
  };
}

/** The public row of a public problem being rectified: exactly PUBLIC_PROGRESS_FIELDS. */
export function toPublicProgress(p: DisclosureSource): PublicProgress {
  return {
    code: p.code,
    title: maskPersonalData(p.title),
    regionName: p.regionName,
    category: p.category,
    leadUnitName: p.leadUnitName,
    deadlineKind: p.deadlineKind,
    deadline: p.deadlineKind === 'date' ? p.deadline : null,
    status: p.status,
    latestProgress: publicText(p.latestProgress),
  };
}

/** Column headers (zh-CN; public tables are Chinese documents) and widths of the public workbook. */
export const PUBLIC_CLOSED_COLUMNS: readonly { field: (typeof PUBLIC_CLOSED_FIELDS)[number]; header: string; width: number }[] = [
  { field: 'code', header: '问题编号', width: 22 },
  { field: 'title', header: '问题简述', width: 36 },
  { field: 'regionName', header: '行政区划', width: 12 },
  { field: 'category', header: '问题类型', width: 10 },
  { field: 'leadUnitName', header: '牵头单位', width: 22 },
  { field: 'measuresSummary', header: '整改措施', width: 50 },
  { field: 'closedOn', header: '销号日期', width: 14 },
];

export const PUBLIC_PROGRESS_COLUMNS: readonly { field: 'code' | 'title' | 'regionName' | 'category' | 'leadUnitName' | 'deadline' | 'status' | 'latestProgress'; header: string; width: number }[] = [
  { field: 'code', header: '问题编号', width: 22 },
  { field: 'title', header: '问题简述', width: 36 },
  { field: 'regionName', header: '行政区划', width: 12 },
  { field: 'category', header: '问题类型', width: 10 },
  { field: 'leadUnitName', header: '牵头单位', width: 22 },
  { field: 'deadline', header: '整改时限', width: 16 },
  { field: 'status', header: '整改状态', width: 14 },
  { field: 'latestProgress', header: '整改进展', width: 50 },
];
