import { PROBLEM_STATUSES } from '../../problem/lifecycle.js';
import type { DeadlineKind, FlagLevel, ProblemCategory, ProblemSource } from '../../problem/vocabulary.js';
import type { LedgerColumnKey } from '../columns.js';
import { columnLetter, matchHeader } from './detect.js';
import { findPossibleDuplicates, type RowCandidate, type StoredTokens } from './duplicates.js';
import { batchTextOf, matchBatch, matchLeader, matchRegion, matchRound, matchUnit, type MatchResult } from './match.js';
import type {
  Cell,
  ColumnMapping,
  HeaderDetection,
  ImportAnalysis,
  ImportedProblem,
  ImportedStatus,
  ImportOptions,
  ImportReferences,
  IssueSeverity,
  ParsedRow,
  RowIssue,
  SheetGrid,
} from './types.js';
import {
  cellText,
  freeText,
  parseBoolean,
  parseCategory,
  parseCoordinates,
  parseDate,
  parseDeadline,
  parseFlag,
  parseLngLat,
  parsePhone,
  parseSource,
  parseStatus,
  parseUscc,
  splitEnterpriseAndUscc,
  splitNames,
  splitPersonAndPhone,
  type Coordinates,
  type ParseResult,
} from './values.js';

/**
 * Checking every row of a ledger sheet: each data row becomes an ImportedProblem or a list of errors, with warnings
 * for what was accepted but deserves a look; empty, summary (合计) and note (填表人, 注：) rows are skipped with an
 * informational warning. Nothing is thrown: every problem of the file is a RowIssue with its row and column, so the
 * clerk can fix the whole file in one go (the server writes them into the workbook, see annotate-workbook.ts).
 */

/**
 * Field limits of the problem API (src/shared/api/problems.ts, createProblemBody; test/unit checks they agree), and
 * for codes the longest code pattern ducha accepts (settings: codePattern ≤ 60).
 */
export const IMPORT_LIMITS = {
  code: 60,
  title: 200,
  description: 5000,
  address: 300,
  enterpriseName: 200,
  responsiblePerson: 60,
  goal: 2000,
  measures: 5000,
  closingCriterion: 500,
  closingCriteria: 30,
  cooperatingUnits: 50,
  progress: 5000,
  remarks: 2000,
} as const;

/** Titles derived from the description are cut to this many characters. */
export const DERIVED_TITLE_LENGTH = 60;
/** Descriptions at least this similar (bigram Dice) with compatible addresses are reported as possible duplicates. */
export const DUPLICATE_SIMILARITY = 0.9;

/** Stored statuses after 整改中: the loop is closing the problem, an import may only touch its ledger fields. */
const PAST_RECTIFYING: ReadonlySet<string> = new Set(PROBLEM_STATUSES.slice(PROBLEM_STATUSES.indexOf('rectifying') + 1));

type Existing = ImportReferences['existing'][number];

interface Context {
  refs: ImportReferences;
  options: ImportOptions;
  mapping: ColumnMapping;
  /** The ledger key of each mapped column index. */
  keyOfColumn: Map<number, LedgerColumnKey>;
  /** Mapped column indexes, left to right. */
  mappedColumns: number[];
  existingByCode: { get(key: string): Existing | undefined };
  /** Code (upper case) → the Excel row that first used it. */
  codesInFile: Map<string, number>;
}

/** One row being read: its cells and the issues found so far. */
interface RowReader {
  row: number;
  cells: readonly Cell[];
  issues: RowIssue[];
}

/** How problem codes are compared: without white space, upper case. */
export const codeKey = (code: string) => code.replace(/\s+/g, '').toUpperCase();

function raw(ctx: Context, rd: RowReader, key: LedgerColumnKey): Cell {
  const index = ctx.mapping[key];
  return index === undefined ? null : (rd.cells[index] ?? null);
}

const text = (ctx: Context, rd: RowReader, key: LedgerColumnKey) => cellText(raw(ctx, rd, key));
const free = (ctx: Context, rd: RowReader, key: LedgerColumnKey) => freeText(raw(ctx, rd, key));
/** Free text on one line (titles, addresses, names): line breaks become spaces. */
const line = (ctx: Context, rd: RowReader, key: LedgerColumnKey) => free(ctx, rd, key).replace(/\s*\n\s*/g, ' ');

function report(
  ctx: Context,
  rd: RowReader,
  severity: IssueSeverity,
  column: LedgerColumnKey | null,
  code: string,
  params: Record<string, string | number> = {},
  suggestions?: string[],
): void {
  const index = column === null ? undefined : ctx.mapping[column];
  const issue: RowIssue = { row: rd.row, column, columnLetter: index === undefined ? null : columnLetter(index), code, params, severity };
  if (suggestions?.length) issue.suggestions = suggestions;
  rd.issues.push(issue);
}

/** Report a failed parse as an error of `column`. */
function reportFailure(ctx: Context, rd: RowReader, column: LedgerColumnKey, result: ParseResult<unknown> & { ok: false }) {
  report(ctx, rd, 'error', column, result.code, result.params);
}

/** The text, or null when empty; longer than `max` characters is an error. */
function limited(ctx: Context, rd: RowReader, column: LedgerColumnKey, value: string, max: number): string | null {
  if (!value) return null;
  const length = [...value].length;
  if (length > max) report(ctx, rd, 'error', column, 'text_too_long', { length, max });
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows that are not problems

type RowKind = 'data' | 'empty' | 'summary' | 'note' | 'section' | 'header';

const SUMMARY_ROW = /^(合计|小计|总计|共计|汇总|总数)/;
const NOTE_ROW = /^(注\d*[:：、.]|注\s|说明[:：]|备注[:：]|(填表|填报|制表|审核|签发|统计|报送)(人|单位|日期|时间)?[:：]|(单位负责人|负责人|联系人|联系电话|分管领导|主要领导)[:：])/;
const SECTION_ROW = /^[一二三四五六七八九十]+\s*[、.]/;

/**
 * What a row is. Empty: nothing, or only a pre-filled number in 序号. Summary: starts with 合计/小计/总计. Note: starts with
 * 注：/说明：/填表人：/审核人：…. Section: a group title such as "一、水污染问题" (alone, or merged across the row). Header:
 * the header repeated (a ledger pasted under another one, or printed page headers). Only mapped columns count: what
 * stands in other columns (such as the 校验结果 of an annotated file) is not imported either way.
 */
function classifyRow(ctx: Context, cells: readonly Cell[]): { kind: RowKind; text: string } {
  const filled: { index: number; text: string }[] = [];
  for (const i of ctx.mappedColumns) {
    const t = cellText(cells[i]);
    if (t) filled.push({ index: i, text: t });
  }
  if (!filled.length || filled.every((f) => f.index === ctx.mapping.seq && /^\d+$/.test(f.text))) return { kind: 'empty', text: '' };
  const first = filled[0]!.text.replace(/\s+/g, '');
  const shown = freeText(cells[filled[0]!.index]).replace(/\s+/g, ' ');
  if (SUMMARY_ROW.test(first)) return { kind: 'summary', text: shown };
  if (NOTE_ROW.test(first)) return { kind: 'note', text: shown };
  const distinct = new Set(filled.map((f) => f.text));
  if (distinct.size === 1 && (filled.length >= 3 || (SECTION_ROW.test(first) && filled[0]!.index !== ctx.mapping.description))) {
    return { kind: 'section', text: shown };
  }
  const isOwnHeader = (f: { index: number; text: string }) => {
    const key = ctx.keyOfColumn.get(f.index);
    return key !== undefined && matchHeader(f.text)?.key === key;
  };
  // Cheap first: a repeated header starts with a header cell in its own column.
  if (isOwnHeader(filled[0]!) && filled.slice(0, 6).filter(isOwnHeader).length >= 3) return { kind: 'header', text: shown };
  return { kind: 'data', text: '' };
}

// ---------------------------------------------------------------------------------------------------------------
// Fields

interface CodeReading {
  code: string | null;
  action: 'create' | 'update';
  existingId: number | null;
}

/** 问题编号: unique in the file; a stored code updates that problem or is a duplicate, per options.updateExisting. */
function readCode(ctx: Context, rd: RowReader): CodeReading {
  const code = text(ctx, rd, 'code').replace(/\s+/g, '');
  if (!code) return { code: null, action: 'create', existingId: null };
  limited(ctx, rd, 'code', code, IMPORT_LIMITS.code);
  const key = codeKey(code);
  const firstRow = ctx.codesInFile.get(key);
  if (firstRow !== undefined) report(ctx, rd, 'error', 'code', 'duplicate_code_in_file', { code, row: firstRow });
  else ctx.codesInFile.set(key, rd.row);
  const stored = ctx.existingByCode.get(key);
  if (!stored) return { code, action: 'create', existingId: null };
  if (!ctx.options.updateExisting) {
    report(ctx, rd, 'error', 'code', 'duplicate_code_stored', { code });
    return { code, action: 'create', existingId: null };
  }
  if (PAST_RECTIFYING.has(stored.status)) {
    report(ctx, rd, 'warning', 'code', 'update_ledger_fields_only', { code, storedStatus: stored.status });
  }
  return { code, action: 'update', existingId: stored.id };
}

interface StatusReading {
  status: ImportedStatus;
  closedOn: string | null;
}

/** 整改状态 and 销号日期 together: a closing date needs a closed row, a closed row gets a closing date. */
function readStatus(ctx: Context, rd: RowReader): StatusReading {
  const today = ctx.refs.today;
  const statusText = text(ctx, rd, 'status');
  const parsed = parseStatus(statusText);
  let status: ImportedStatus = 'registered';
  if (!parsed.ok) reportFailure(ctx, rd, 'status', parsed);
  else {
    status = parsed.value.status;
    if (parsed.value.completedOnly) report(ctx, rd, 'warning', 'status', 'status_completed_as_closed', { value: statusText });
  }
  let closedOn: string | null = null;
  const closedCell = raw(ctx, rd, 'closedOn');
  if (cellText(closedCell)) {
    const date = parseDate(closedCell, today);
    if (!date.ok) reportFailure(ctx, rd, 'closedOn', date);
    else if (date.value > today) report(ctx, rd, 'error', 'closedOn', 'closed_on_future', { date: date.value });
    else if (status === 'closed') closedOn = date.value;
    else if (!statusText) {
      status = 'closed';
      closedOn = date.value;
      report(ctx, rd, 'warning', 'status', 'status_inferred_closed', { date: date.value });
    } else report(ctx, rd, 'warning', 'closedOn', 'closed_on_ignored', { date: date.value, value: statusText });
    // An unreadable or future date is an error already: the row is invalid, nothing to default.
    if (!date.ok || date.value > today) return { status, closedOn: null };
  }
  if (status === 'closed' && !closedOn) {
    closedOn = today;
    report(ctx, rd, 'warning', 'closedOn', 'closed_on_defaulted', { date: today });
  }
  return { status, closedOn };
}

/** A vocabulary column (问题来源, 问题类型): the cell, else the import's default, else an error. */
function readVocabulary<T extends string>(
  ctx: Context,
  rd: RowReader,
  column: LedgerColumnKey,
  parse: (value: string) => ParseResult<T>,
  fallback: T | undefined,
  missingCode: string,
  placeholder: T,
): T {
  const value = text(ctx, rd, column);
  if (value) {
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    reportFailure(ctx, rd, column, parsed);
    return placeholder;
  }
  if (fallback) return fallback;
  report(ctx, rd, 'error', column, missingCode);
  return placeholder;
}

function suggestionsOf<T>(result: MatchResult<T> & { ok: false }) {
  return result.suggestions;
}

/**
 * 督察轮次 and 交办批次. Unknown names are warnings (the problem is still worth importing; the round can be set
 * later) and fall back to the import's defaults. A batch may sit in the round cell ("…第2批") when there is no batch
 * column; a batch also tells the round when the row names none.
 */
function readRoundAndBatch(ctx: Context, rd: RowReader): { roundId: number | null; batchId: number | null } {
  const { refs, options } = ctx;
  let roundId = options.defaults.roundId ?? null;
  const roundText = text(ctx, rd, 'round');
  const inlineBatch = roundText ? batchTextOf(roundText) : null;
  if (roundText && roundText !== inlineBatch) {
    const round = matchRound(roundText, refs.rounds);
    if (round.ok) roundId = round.value.id;
    else report(ctx, rd, 'warning', 'round', `round_${round.reason}`, { value: roundText }, suggestionsOf(round));
  }
  const batchColumn: LedgerColumnKey = text(ctx, rd, 'batch') ? 'batch' : 'round';
  const batchText = text(ctx, rd, 'batch') || (ctx.mapping.batch === undefined ? (inlineBatch ?? '') : '');
  if (batchText) {
    const batch = matchBatch(batchText, refs.batches, roundId);
    if (batch.ok) return { roundId: roundId ?? batch.value.roundId, batchId: batch.value.id };
    report(ctx, rd, 'warning', batchColumn, `batch_${batch.reason}`, { value: batchText }, suggestionsOf(batch));
    return { roundId, batchId: null };
  }
  const fallback = refs.batches.find((b) => b.id === options.defaults.batchId);
  if (fallback && (roundId === null || fallback.roundId === roundId)) return { roundId: fallback.roundId, batchId: fallback.id };
  return { roundId, batchId: null };
}

/** A title from the description: its first sentence, cut to DERIVED_TITLE_LENGTH characters. */
export function deriveTitle(description: string): string {
  const sentence = description.split(/[。！？!?；;\n]/).map((s) => s.trim()).find(Boolean) ?? description.trim();
  const chars = [...sentence];
  return chars.length <= DERIVED_TITLE_LENGTH ? sentence : `${chars.slice(0, DERIVED_TITLE_LENGTH - 1).join('')}…`;
}

/** 问题简述 and 问题描述: the description is required (a lone title stands in for it, with a warning). */
function readTexts(ctx: Context, rd: RowReader): { title: string; description: string } {
  let description = free(ctx, rd, 'description');
  let title = line(ctx, rd, 'title');
  if (!description) {
    if (title) {
      description = title;
      report(ctx, rd, 'warning', 'description', 'description_from_title');
    } else report(ctx, rd, 'error', 'description', 'description_missing');
  }
  if (!title && description) title = deriveTitle(description);
  limited(ctx, rd, 'title', title, IMPORT_LIMITS.title);
  limited(ctx, rd, 'description', description, IMPORT_LIMITS.description);
  return { title, description };
}

function readCoordinates(ctx: Context, rd: RowReader): Coordinates | null {
  const combined = text(ctx, rd, 'coordinates');
  const lngText = text(ctx, rd, 'lng');
  const latText = text(ctx, rd, 'lat');
  if (combined) {
    const parsed = parseCoordinates(combined);
    if (parsed.ok) return parsed.value;
    reportFailure(ctx, rd, 'coordinates', parsed);
    return null;
  }
  if (!lngText && !latText) return null;
  const column: LedgerColumnKey = lngText ? 'lng' : 'lat';
  const parsed = lngText && latText ? parseLngLat(raw(ctx, rd, 'lng'), raw(ctx, rd, 'lat')) : parseCoordinates(lngText || latText);
  if (!parsed.ok) {
    reportFailure(ctx, rd, column, parsed);
    return null;
  }
  if (parsed.value.swapped && lngText && latText) report(ctx, rd, 'warning', 'lng', 'coordinates_swapped', { lng: parsed.value.lng, lat: parsed.value.lat });
  return parsed.value;
}

/** 行政区划 (default: the importing coordinator's county), 地址 and 经纬度. */
function readLocation(ctx: Context, rd: RowReader) {
  let regionId = ctx.refs.defaultRegionId;
  const regionText = text(ctx, rd, 'region');
  if (regionText) {
    const region = matchRegion(regionText, ctx.refs.regions);
    if (region.ok) regionId = region.value.id;
    else report(ctx, rd, 'error', 'region', `region_${region.reason}`, { value: regionText }, suggestionsOf(region));
  }
  const address = limited(ctx, rd, 'address', line(ctx, rd, 'address'), IMPORT_LIMITS.address);
  const coordinates = readCoordinates(ctx, rd);
  return { regionId, address, lng: coordinates?.lng ?? null, lat: coordinates?.lat ?? null };
}

/** 涉及企业 and its 统一社会信用代码 (taken from the name cell when the sheet has no code column). */
function readEnterprise(ctx: Context, rd: RowReader) {
  let name = line(ctx, rd, 'enterpriseName');
  let code = text(ctx, rd, 'enterpriseUscc');
  let codeColumn: LedgerColumnKey = 'enterpriseUscc';
  if (!code && ctx.mapping.enterpriseUscc === undefined && name) {
    const split = splitEnterpriseAndUscc(name);
    if (split.uscc) [name, code, codeColumn] = [split.name, split.uscc, 'enterpriseName'];
  }
  let enterpriseUscc: string | null = null;
  if (code) {
    const parsed = parseUscc(code);
    if (parsed.ok) enterpriseUscc = parsed.value;
    else reportFailure(ctx, rd, codeColumn, parsed);
  }
  return { enterpriseName: limited(ctx, rd, 'enterpriseName', name, IMPORT_LIMITS.enterpriseName), enterpriseUscc };
}

/**
 * Unit names to ids. A name that matches nothing but holds spaces is tried as space-separated names
 * ("县水利局 县住建局"). Unknown and ambiguous names are errors with suggestions.
 */
function resolveUnits(ctx: Context, rd: RowReader, names: readonly string[], column: LedgerColumnKey): number[] {
  const ids: number[] = [];
  for (const name of names) {
    const unit = matchUnit(name, ctx.refs.units);
    if (unit.ok) {
      ids.push(unit.value.id);
      continue;
    }
    const parts = name.split(' ').map((p) => matchUnit(p, ctx.refs.units));
    if (parts.length > 1 && parts.every((p) => p.ok)) {
      for (const p of parts) if (p.ok) ids.push(p.value.id);
      continue;
    }
    report(ctx, rd, 'error', column, `unit_${unit.reason}`, { name }, unit.suggestions);
  }
  return [...new Set(ids)];
}

/**
 * 牵头单位 (one; more names ⇒ the first leads, the others cooperate) and 配合单位. The lead unit is required unless
 * the row is only registered (待交办: units are chosen when it is assigned).
 */
function readUnits(ctx: Context, rd: RowReader, status: ImportedStatus) {
  const leadNames = splitNames(raw(ctx, rd, 'leadUnit'));
  const leadIds = resolveUnits(ctx, rd, leadNames, 'leadUnit');
  if (leadNames.length > 1) report(ctx, rd, 'warning', 'leadUnit', 'lead_unit_multiple', { lead: leadNames[0]!, others: leadNames.slice(1).join('、') });
  if (!leadNames.length) {
    if (status === 'registered') report(ctx, rd, 'warning', 'leadUnit', 'lead_unit_missing');
    else report(ctx, rd, 'error', 'leadUnit', 'lead_unit_required');
  }
  const leadUnitId = leadIds[0] ?? null;
  const cooperating = [...leadIds.slice(1), ...resolveUnits(ctx, rd, splitNames(raw(ctx, rd, 'cooperatingUnits')), 'cooperatingUnits')];
  if (leadUnitId !== null && cooperating.includes(leadUnitId)) {
    report(ctx, rd, 'warning', 'cooperatingUnits', 'lead_unit_also_cooperating', { name: leadNames[0] ?? '' });
  }
  const cooperatingUnitIds = [...new Set(cooperating)].filter((id) => id !== leadUnitId);
  if (cooperatingUnitIds.length > IMPORT_LIMITS.cooperatingUnits) {
    report(ctx, rd, 'error', 'cooperatingUnits', 'cooperating_units_too_many', { count: cooperatingUnitIds.length, max: IMPORT_LIMITS.cooperatingUnits });
  }
  return { leadUnitId, cooperatingUnitIds };
}

/** 责任领导 (a user with the leader role; unknown ⇒ warning), 责任人 and 联系电话 (possibly in the person cell). */
function readPeople(ctx: Context, rd: RowReader) {
  let leaderUserId: number | null = null;
  const leaderNames = splitNames(raw(ctx, rd, 'leader'));
  if (leaderNames.length) {
    const leader = matchLeader(leaderNames[0]!, ctx.refs.leaders);
    if (leader.ok) leaderUserId = leader.value.id;
    else report(ctx, rd, 'warning', 'leader', `leader_${leader.reason}`, { name: leaderNames[0]! }, suggestionsOf(leader));
    if (leaderNames.length > 1) report(ctx, rd, 'warning', 'leader', 'leader_multiple', { name: leaderNames[0]! });
  }
  let person = line(ctx, rd, 'responsiblePerson');
  let phoneText = text(ctx, rd, 'responsiblePhone');
  let phoneColumn: LedgerColumnKey = 'responsiblePhone';
  if (!phoneText && ctx.mapping.responsiblePhone === undefined && person) {
    const split = splitPersonAndPhone(person);
    if (split.phone) [person, phoneText, phoneColumn] = [split.name, split.phone, 'responsiblePerson'];
  }
  let responsiblePhone: string | null = null;
  if (phoneText) {
    const phone = parsePhone(phoneText);
    if (phone.ok) responsiblePhone = phone.value;
    else reportFailure(ctx, rd, phoneColumn, phone);
  }
  return { leaderUserId, responsiblePerson: limited(ctx, rd, 'responsiblePerson', person, IMPORT_LIMITS.responsiblePerson), responsiblePhone };
}

/** 验收标准 as a list: one per line, or numbered items separated by ；. */
export function splitCriteria(value: string): string[] {
  return value
    .split(/\n|[；;](?=\s*(?:\d{1,2}\s*[.、)]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳]))|[；;]\s*$/)
    .map((s) =>
      s
        .replace(/^\s*(?:\d{1,2}\s*[.、)]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳])\s*/, '')
        .replace(/[；;]$/, '')
        .trim(),
    )
    .filter(Boolean);
}

/** 整改目标, 整改措施, 验收标准, 整改进展, 备注. */
function readPlan(ctx: Context, rd: RowReader) {
  const closingCriteria = splitCriteria(free(ctx, rd, 'closingCriteria'));
  if (closingCriteria.length > IMPORT_LIMITS.closingCriteria) {
    report(ctx, rd, 'error', 'closingCriteria', 'closing_criteria_too_many', { count: closingCriteria.length, max: IMPORT_LIMITS.closingCriteria });
  }
  for (const criterion of closingCriteria) limited(ctx, rd, 'closingCriteria', criterion, IMPORT_LIMITS.closingCriterion);
  return {
    goal: limited(ctx, rd, 'goal', free(ctx, rd, 'goal'), IMPORT_LIMITS.goal),
    measures: limited(ctx, rd, 'measures', free(ctx, rd, 'measures'), IMPORT_LIMITS.measures),
    closingCriteria,
    latestProgress: limited(ctx, rd, 'progress', free(ctx, rd, 'progress'), IMPORT_LIMITS.progress),
    remarks: limited(ctx, rd, 'remarks', free(ctx, rd, 'remarks'), IMPORT_LIMITS.remarks),
  };
}

/** 整改时限: required; warnings for a past date on an open row, an assumed year and a date next to 长期坚持/立行立改. */
function readDeadline(ctx: Context, rd: RowReader, status: ImportedStatus): { deadlineKind: DeadlineKind; deadline: string | null } {
  const parsed = parseDeadline(raw(ctx, rd, 'deadline'), ctx.refs.today);
  if (!parsed.ok) {
    reportFailure(ctx, rd, 'deadline', parsed);
    return { deadlineKind: 'immediate', deadline: null };
  }
  const { kind, date, assumedYear, alsoSays } = parsed.value;
  if (date && assumedYear) report(ctx, rd, 'warning', 'deadline', 'deadline_year_assumed', { date, year: assumedYear });
  if (date && alsoSays) report(ctx, rd, 'warning', 'deadline', 'deadline_kind_ambiguous', { date });
  if (date && date < ctx.refs.today && status !== 'closed') report(ctx, rd, 'warning', 'deadline', 'deadline_past', { date });
  return { deadlineKind: kind, deadline: date };
}

/** 挂牌督办 and 是否公开 (default: options.defaults.isPublic, else not public). */
function readFlags(ctx: Context, rd: RowReader): { flagged: boolean; flagLevel: FlagLevel | null; isPublic: boolean } {
  let flagged = false;
  let flagLevel: FlagLevel | null = null;
  const flag = parseFlag(text(ctx, rd, 'flag'));
  if (flag.ok) ({ flagged, level: flagLevel } = flag.value);
  else reportFailure(ctx, rd, 'flag', flag);
  let isPublic = ctx.options.defaults.isPublic ?? false;
  const publicValue = parseBoolean(text(ctx, rd, 'isPublic'));
  if (!publicValue.ok) reportFailure(ctx, rd, 'isPublic', publicValue);
  else if (publicValue.value !== null) isPublic = publicValue.value;
  return { flagged, flagLevel, isPublic };
}

/** One data row → a parsed row (problem null when it has errors) and the problem as read, errors or not. */
function analyzeRow(ctx: Context, rowIndex: number, cells: readonly Cell[]): { parsed: ParsedRow; read: ImportedProblem } {
  const rd: RowReader = { row: rowIndex + 1, cells, issues: [] };
  const { code, action, existingId } = readCode(ctx, rd);
  const { status, closedOn } = readStatus(ctx, rd);
  const source = readVocabulary<ProblemSource>(ctx, rd, 'source', parseSource, ctx.options.defaults.source, 'source_missing', 'other');
  const { roundId, batchId } = readRoundAndBatch(ctx, rd);
  const category = readVocabulary<ProblemCategory>(ctx, rd, 'category', parseCategory, ctx.options.defaults.category, 'category_missing', 'other');
  const problem: ImportedProblem = {
    code,
    source,
    roundId,
    batchId,
    category,
    ...readTexts(ctx, rd),
    ...readLocation(ctx, rd),
    ...readEnterprise(ctx, rd),
    ...readUnits(ctx, rd, status),
    ...readPeople(ctx, rd),
    ...readPlan(ctx, rd),
    ...readDeadline(ctx, rd, status),
    ...readFlags(ctx, rd),
    status,
    closedOn,
  };
  const valid = !rd.issues.some((i) => i.severity === 'error');
  return { parsed: { row: rd.row, action, existingId, problem: valid ? problem : null, issues: rd.issues }, read: problem };
}

/** Warn about near-identical descriptions and addresses, against stored problems and earlier rows (duplicates.ts). */
function reportPossibleDuplicates(ctx: Context, rows: readonly ParsedRow[], candidates: readonly RowCandidate[], stored?: StoredDuplicates) {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const storedById = stored ?? new Map(ctx.refs.existing.map((e) => [e.id, e]));
  const findings = stored ? findPossibleDuplicates(candidates, stored.tokens, DUPLICATE_SIMILARITY, stored.visible) : findPossibleDuplicates(candidates, ctx.refs.existing, DUPLICATE_SIMILARITY);
  for (const finding of findings) {
    const parsed = byRow.get(finding.row)!;
    const rd: RowReader = { row: finding.row, cells: [], issues: parsed.issues };
    const match = finding.storedId === null ? undefined : storedById.get(finding.storedId);
    if (match) report(ctx, rd, 'warning', 'description', 'possible_duplicate_stored', { code: match.code });
    if (finding.earlierRow !== null) report(ctx, rd, 'warning', 'description', 'possible_duplicate_in_file', { row: finding.earlierRow });
  }
}

// ---------------------------------------------------------------------------------------------------------------

function contextOf(detection: Pick<HeaderDetection, 'mapping'>, refs: ImportReferences, options: ImportOptions, stored?: StoredDuplicates): Context {
  const keyOfColumn = new Map<number, LedgerColumnKey>();
  for (const [key, index] of Object.entries(detection.mapping) as [LedgerColumnKey, number][]) keyOfColumn.set(index, key);
  return {
    refs,
    options,
    mapping: detection.mapping,
    keyOfColumn,
    mappedColumns: [...keyOfColumn.keys()].sort((a, b) => a - b),
    existingByCode: stored?.byCode ?? new Map(refs.existing.map((e) => [codeKey(e.code), e])),
    codesInFile: new Map(),
  };
}

const SKIP_CODES: Record<Exclude<RowKind, 'data'>, string> = {
  empty: 'row_skipped_empty',
  summary: 'row_skipped_summary',
  note: 'row_skipped_note',
  section: 'row_skipped_section',
  header: 'row_skipped_header',
};

/**
 * The stored problems as the analysis thread keeps them between imports, instead of `refs.existing`: cut into bigrams
 * (`tokens`), looked up by id and by code key (codeKey), each lookup answering only for problems the user may see.
 */
export interface StoredDuplicates {
  tokens: StoredTokens;
  visible: (id: number) => boolean;
  get(id: number): Existing | undefined;
  byCode: { get(key: string): Existing | undefined };
}

/**
 * Check every row of `grid` from `detection.firstDataRow` on. Rows after the last non-empty row are not reported.
 * Summary counts: create/update = valid rows by action, skip = skipped rows, invalid = rows with errors,
 * errors/warnings = issues by severity (skip notices count as warnings).
 */
export function analyzeLedger(
  grid: SheetGrid,
  detection: Pick<HeaderDetection, 'firstDataRow' | 'mapping'>,
  refs: ImportReferences,
  options: ImportOptions,
  stored?: StoredDuplicates,
): ImportAnalysis {
  const ctx = contextOf(detection, refs, options, stored);
  let last = grid.rows.length - 1;
  while (last >= detection.firstDataRow && classifyRow(ctx, grid.rows[last] ?? []).kind === 'empty') last--;
  const rows: ParsedRow[] = [];
  const candidates: RowCandidate[] = [];
  for (let r = detection.firstDataRow; r <= last; r++) {
    const cells = grid.rows[r] ?? [];
    const { kind, text: rowText } = classifyRow(ctx, cells);
    if (kind !== 'data') {
      const rd: RowReader = { row: r + 1, cells, issues: [] };
      report(ctx, rd, 'warning', null, SKIP_CODES[kind], rowText ? { text: [...rowText].slice(0, 30).join('') } : {});
      rows.push({ row: r + 1, action: 'skip', existingId: null, problem: null, issues: rd.issues });
      continue;
    }
    const { parsed, read } = analyzeRow(ctx, r, cells);
    rows.push(parsed);
    if (read.description) {
      const namesStored = read.code ? (ctx.existingByCode.get(codeKey(read.code))?.id ?? null) : null;
      candidates.push({ row: parsed.row, description: read.description, address: read.address, regionId: read.regionId, updatesId: namesStored });
    }
  }
  reportPossibleDuplicates(ctx, rows, candidates, stored);
  return { rows, summary: summarize(rows) };
}

function summarize(rows: readonly ParsedRow[]): ImportAnalysis['summary'] {
  const summary = { create: 0, update: 0, skip: 0, invalid: 0, errors: 0, warnings: 0 };
  for (const row of rows) {
    for (const issue of row.issues) summary[issue.severity === 'error' ? 'errors' : 'warnings']++;
    if (row.action === 'skip') summary.skip++;
    else if (!row.problem) summary.invalid++;
    else summary[row.action]++;
  }
  return summary;
}
