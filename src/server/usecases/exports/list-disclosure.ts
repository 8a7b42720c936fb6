import { sql, type SQL } from 'drizzle-orm';
import { toPublicClosed, toPublicProgress, type DisclosureSource } from '../../../domain/ledger/disclosure.js';
import type { ProblemStatus } from '../../../domain/problem/lifecycle.js';
import type { DeadlineKind, ProblemCategory } from '../../../domain/problem/vocabulary.js';
import type { DisclosureQuery, DisclosureResponse, DisclosureTab } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import type { Services } from '../../services.js';
import { rowsOf } from './export-support.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause of the public tables. The first condition is the policy itself: only problems marked public
 * (是否公开). No user scope applies: this is what anyone may read.
 */
export function disclosureWhere(tab: DisclosureTab, filters: { q?: string | undefined; regionId?: number | undefined }): SQL {
  const c: SQL[] = [sql`p.is_public = TRUE`, tab === 'closed' ? sql`p.status = 'closed'` : sql`p.status <> 'closed'`];
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    c.push(sql`(p.code ILIKE ${like} OR p.title ILIKE ${like})`);
  }
  if (filters.regionId) c.push(sql`p.region_id IN (SELECT id FROM regions WHERE path LIKE (SELECT path FROM regions WHERE id = ${filters.regionId}) || '%')`);
  return sql.join(c, sql` AND `);
}

/**
 * Exactly the internal columns the disclosure policy reads (src/domain/ledger/disclosure.ts) — nothing private is
 * ever selected, so nothing private can leak from here even by mistake.
 */
export const disclosureColumns = sql`p.id, p.code, p.title, r.name AS region_name, p.category, lu.name AS lead_unit_name, p.measures,
  p.closed_on, p.deadline_kind, COALESCE(p.deadline_in_force, p.deadline) AS deadline, p.status, p.latest_progress, p.is_public`;
export const disclosureFrom = sql`problems p JOIN regions r ON r.id = p.region_id LEFT JOIN units lu ON lu.id = p.lead_unit_id`;

export interface DisclosureRow {
  id: number;
  code: string;
  title: string;
  region_name: string;
  category: string;
  lead_unit_name: string | null;
  measures: string | null;
  closed_on: string | null;
  deadline_kind: string;
  deadline: string | null;
  status: string;
  latest_progress: string | null;
  is_public: boolean;
}

export const disclosureSource = (r: DisclosureRow): DisclosureSource => ({
  code: r.code,
  title: r.title,
  regionName: r.region_name,
  category: r.category as ProblemCategory,
  leadUnitName: r.lead_unit_name,
  measures: r.measures,
  closedOn: r.closed_on,
  deadlineKind: r.deadline_kind as DeadlineKind,
  deadline: r.deadline,
  status: r.status as ProblemStatus,
  latestProgress: r.latest_progress,
  isPublic: r.is_public,
});

/** 对外公开, one page of one table: closed problems (newest closing first) or the progress of the others (by code). */
export async function listDisclosure(ex: Executor, services: Services, query: DisclosureQuery): Promise<DisclosureResponse> {
  const where = disclosureWhere(query.tab, query);
  const order = query.tab === 'closed' ? sql`p.closed_on DESC NULLS LAST, p.id DESC` : sql`p.code ASC`;
  const [page, count, counts, regions] = await Promise.all([
    ex.execute(sql`SELECT ${disclosureColumns} FROM ${disclosureFrom} WHERE ${where} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
    ex.execute(sql`SELECT count(*)::int AS n FROM problems p WHERE ${where}`),
    ex.execute(sql`SELECT count(*) FILTER (WHERE status = 'closed')::int AS closed, count(*) FILTER (WHERE status <> 'closed')::int AS progress FROM problems WHERE is_public = TRUE`),
    ex.execute(sql`SELECT r.id, r.name FROM regions r WHERE r.id IN (SELECT DISTINCT region_id FROM problems WHERE is_public = TRUE) ORDER BY r.path`),
  ]);
  const rows = rowsOf<DisclosureRow>(page).map(disclosureSource);
  const fields = {
    total: rowsOf<{ n: number }>(count)[0]?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    counts: rowsOf<{ closed: number; progress: number }>(counts)[0] ?? { closed: 0, progress: 0 },
    regions: rowsOf<{ id: number; name: string }>(regions),
    asOf: services.clock.today(),
  };
  return query.tab === 'closed' ? { tab: 'closed', items: rows.map(toPublicClosed), ...fields } : { tab: 'progress', items: rows.map(toPublicProgress), ...fields };
}
