import type { Writable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { scopeOf, type Actor } from '../../../domain/access.js';
import type { ExportLedgerQuery } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { chinaDateTime, label } from '../../ledger/export/format.js';

/**
 * What the export use cases share: the cap on rows, the heading (county and date), the description of the filters for
 * the 说明 sheet, and keyset paging that reads a large result in bounded pages.
 */

export const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * Rows read from the database per page while streaming a workbook. Small enough that one page never holds the event
 * loop long: PGlite runs a query on the main thread, and 500 full ledger rows take ~60–100 ms there against
 * ~250–500 ms for 2,000 (PostgreSQL runs them off the loop; the keyset makes every page one index range scan).
 */
export const EXPORT_PAGE_SIZE = 500;
/** Default hard cap on the rows of one export; DUCHA_EXPORT_MAX_ROWS overrides it. */
export const DEFAULT_EXPORT_MAX_ROWS = 200_000;

export function exportMaxRows(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.DUCHA_EXPORT_MAX_ROWS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_EXPORT_MAX_ROWS;
}

/** Refuse before the first byte is written when a workbook would exceed the cap. */
export function assertWithinCap(count: number, max: number): void {
  if (count > max) throw new AppError('EXPORT_TOO_LARGE', { count, max }, 422);
}

/** A workbook ready to stream: checked (scope, cap) already, so writing can no longer fail for the caller's reasons. */
export interface PreparedWorkbook {
  fileName: string;
  /** rows the workbook will hold (counted before writing) */
  rows: number;
  write(out: Writable): Promise<unknown>;
}

/**
 * The name of the county (or city) a user works in, for headings: the deepest region of their region path that is
 * not a town or village.
 */
export async function countyNameOf(ex: Executor, actor: Pick<Actor, 'regionPath' | 'regionId'>): Promise<string> {
  const ids = actor.regionPath.split('/').filter(Boolean).map(Number);
  if (!ids.length) ids.push(actor.regionId);
  const rows = rowsOf<{ name: string; level: string; depth: number }>(
    await ex.execute(sql`SELECT name, level, length(path) AS depth FROM regions WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) ORDER BY length(path) DESC`),
  );
  return (rows.find((r) => r.level !== 'town' && r.level !== 'village') ?? rows[0])?.name ?? '';
}

/** 2026-11-23 → 20261123, for file names. */
export const compactDate = (iso: string) => iso.replace(/-/g, '');

const yesNo = (v: 'true' | 'false') => (v === 'true' ? '是' : '否');

/** The ledger filters in words, for the 说明 sheet ("整改状态：已销号；预警：逾期、严重逾期"). */
export async function describeFilters(ex: Executor, f: ExportLedgerQuery): Promise<string> {
  const parts: string[] = [];
  const list = (name: string, prefix: string, values: readonly string[] | undefined) => {
    if (values?.length) parts.push(`${name}：${values.map((v) => label(`${prefix}.${v}`)).join('、')}`);
  };
  const one = async (name: string, id: number | undefined, query: (id: number) => SQL) => {
    if (!id) return;
    const [row] = rowsOf<{ name: string | null }>(await ex.execute(query(id)));
    parts.push(`${name}：${row?.name ?? `#${id}`}`);
  };
  if (f.q) parts.push(`关键词：“${f.q}”`);
  list('整改状态', 'problemStatus', f.status);
  list('预警', 'warning', f.warning);
  list('问题来源', 'source', f.source);
  list('问题类型', 'category', f.category);
  list('序时进度', 'schedule', f.schedule);
  list('整改时限类型', 'deadlineKind', f.deadlineKind);
  await one('行政区划', f.regionId, (id) => sql`SELECT name FROM regions WHERE id = ${id}`);
  await one('牵头单位', f.leadUnitId, (id) => sql`SELECT name FROM units WHERE id = ${id}`);
  await one('涉及单位', f.unitId, (id) => sql`SELECT name FROM units WHERE id = ${id}`);
  await one('督察轮次', f.roundId, (id) => sql`SELECT name FROM rounds WHERE id = ${id}`);
  await one('交办批次', f.batchId, (id) => sql`SELECT '第' || number || '批' AS name FROM batches WHERE id = ${id}`);
  await one('整改方案', f.planId, (id) => sql`SELECT name FROM plans WHERE id = ${id}`);
  await one('责任领导', f.leaderUserId, (id) => sql`SELECT display_name AS name FROM users WHERE id = ${id}`);
  if (f.flagged) parts.push(`挂牌督办：${yesNo(f.flagged)}`);
  if (f.isPublic) parts.push(`是否公开：${yesNo(f.isPublic)}`);
  if (f.deadlineFrom || f.deadlineTo) parts.push(`整改时限：${f.deadlineFrom ?? '不限'} 至 ${f.deadlineTo ?? '不限'}`);
  return parts.length ? parts.join('；') : '无（导出人可见的全部问题）';
}

/** Whose data this is: the exporting user's scope in words. */
export async function describeScope(ex: Executor, actor: Actor): Promise<string> {
  const scope = scopeOf(actor);
  const [unit] = rowsOf<{ name: string }>(await ex.execute(sql`SELECT name FROM units WHERE id = ${actor.unitId}`));
  const [region] = rowsOf<{ name: string }>(await ex.execute(sql`SELECT name FROM regions WHERE id = ${actor.regionId}`));
  const what =
    scope.kind === 'all' ? '全部问题' : scope.kind === 'region' ? `${region?.name ?? ''}及下辖区域的问题` : '本单位及下级单位牵头、配合的问题，以及本人核查、包保的问题';
  return `${unit?.name ?? ''}：${what}`;
}

/** The common rows of every 说明 sheet. */
export async function standardNotes(ex: Executor, actor: Actor, now: Date, what: string, filters: ExportLedgerQuery | null): Promise<[string, string][]> {
  const notes: [string, string][] = [
    ['文件', what],
    ['导出时间', chinaDateTime(now)],
    ['导出人', `${actor.displayName}（${actor.username}）`],
    ['数据范围', await describeScope(ex, actor)],
  ];
  if (filters) notes.push(['筛选条件', await describeFilters(ex, filters)]);
  return notes;
}

/**
 * Read a query page after page by a keyset (never OFFSET): `page(after)` returns the next rows after the key of the
 * last row, `keyOf` gives that key. Stops after a short page or after `max` rows.
 */
export async function* keysetPages<R, K>(page: (after: K | null, limit: number) => Promise<R[]>, keyOf: (row: R) => K, max: number, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<R[]> {
  let after: K | null = null;
  let seen = 0;
  for (;;) {
    const limit = Math.min(pageSize, max - seen);
    if (limit <= 0) return;
    const rows = await page(after, limit);
    if (rows.length === 0) return;
    seen += rows.length;
    yield rows;
    if (rows.length < limit) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** Map every page of an async sequence. */
export async function* mapPages<A, B>(pages: AsyncIterable<A[]>, fn: (row: A) => B): AsyncGenerator<B[]> {
  for await (const page of pages) yield page.map(fn);
}
