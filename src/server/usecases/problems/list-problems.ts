import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ListProblemsQuery, ProblemRow } from '../../../shared/api/problems.js';
import { problemScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORTS: Record<string, SQL> = {
  code: sql`p.code ASC`,
  '-code': sql`p.code DESC`,
  deadline: sql`p.deadline_in_force ASC NULLS LAST, p.id ASC`,
  '-deadline': sql`p.deadline_in_force DESC NULLS LAST, p.id DESC`,
  createdAt: sql`p.created_at ASC, p.id ASC`,
  '-createdAt': sql`p.created_at DESC, p.id DESC`,
  warning: sql`CASE p.warning_light WHEN 'green' THEN 0 WHEN 'yellow' THEN 1 WHEN 'red' THEN 2 ELSE 3 END ASC, p.warning_due_on ASC NULLS LAST, p.id ASC`,
  '-warning': sql`CASE p.warning_light WHEN 'green' THEN 0 WHEN 'yellow' THEN 1 WHEN 'red' THEN 2 ELSE 3 END DESC, p.warning_due_on ASC NULLS LAST, p.id DESC`,
  status: sql`p.status ASC, p.id ASC`,
  '-status': sql`p.status DESC, p.id DESC`,
};

/** The WHERE clause of the ledger: the actor's scope and every filter. Shared by the list, the counts and exports. */
export function problemFilterSql(actor: Actor, f: Omit<ListProblemsQuery, 'page' | 'pageSize' | 'sort'>): SQL {
  const c: SQL[] = [problemScopeSql(actor, 'p')];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (values && values.length) c.push(sql`${sql.raw(column)} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`);
  };
  inList('p.status', f.status);
  inList('p.source', f.source);
  inList('p.category', f.category);
  inList('p.warning_light', f.warning);
  inList('p.schedule_state', f.schedule);
  inList('p.deadline_kind', f.deadlineKind);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    c.push(sql`(p.code ILIKE ${like} OR p.title ILIKE ${like} OR p.address ILIKE ${like} OR p.enterprise_name ILIKE ${like})`);
  }
  if (f.regionId) c.push(sql`p.region_id IN (SELECT id FROM regions WHERE path LIKE (SELECT path FROM regions WHERE id = ${f.regionId}) || '%')`);
  if (f.leadUnitId) c.push(sql`p.lead_unit_id = ${f.leadUnitId}`);
  if (f.unitId) c.push(sql`p.id IN (SELECT problem_id FROM problem_units WHERE unit_id = ${f.unitId})`);
  if (f.roundId) c.push(sql`p.round_id = ${f.roundId}`);
  if (f.batchId) c.push(sql`p.batch_id = ${f.batchId}`);
  if (f.planId) c.push(sql`p.plan_id = ${f.planId}`);
  if (f.leaderUserId) c.push(sql`p.leader_user_id = ${f.leaderUserId}`);
  if (f.flagged) c.push(sql`p.flagged = ${f.flagged === 'true'}`);
  if (f.isPublic) c.push(sql`p.is_public = ${f.isPublic === 'true'}`);
  if (f.deadlineFrom) c.push(sql`p.deadline_in_force >= ${f.deadlineFrom}`);
  if (f.deadlineTo) c.push(sql`p.deadline_in_force <= ${f.deadlineTo}`);
  return sql.join(c, sql` AND `);
}

interface Row {
  id: number;
  code: string;
  title: string;
  source: string;
  category: string;
  status: string;
  region_id: number;
  region_name: string;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  deadline_kind: string;
  deadline_in_force: string | null;
  deadline: string | null;
  flagged: boolean;
  flag_level: string | null;
  is_public: boolean;
  schedule_state: string;
  warning_light: string;
  warning_reason: string | null;
  warning_due_on: string | null;
  rectification_round: number;
  latest_progress: string | null;
  created_at: Date | string;
}

export const presentProblemRow = (r: Row): ProblemRow =>
  ({
    id: r.id,
    code: r.code,
    title: r.title,
    source: r.source,
    category: r.category,
    status: r.status,
    regionId: r.region_id,
    regionName: r.region_name,
    leadUnitId: r.lead_unit_id,
    leadUnitName: r.lead_unit_name,
    deadlineKind: r.deadline_kind,
    deadline: r.deadline_in_force,
    originalDeadline: r.deadline,
    extended: r.deadline_kind !== 'ongoing' && r.deadline_in_force !== null && r.deadline !== null && r.deadline_in_force !== r.deadline,
    flagged: r.flagged,
    flagLevel: r.flag_level,
    isPublic: r.is_public,
    scheduleState: r.schedule_state,
    warningLight: r.warning_light,
    warningReason: r.warning_reason,
    warningDueOn: r.warning_due_on,
    rectificationRound: r.rectification_round,
    latestProgress: r.latest_progress,
    createdAt: new Date(r.created_at).toISOString(),
  }) as ProblemRow;

export const ledgerColumns = sql`p.id, p.code, p.title, p.source, p.category, p.status, p.region_id, r.name AS region_name,
  p.lead_unit_id, lu.name AS lead_unit_name, p.deadline_kind, p.deadline_in_force, p.deadline, p.flagged, p.flag_level,
  p.is_public, p.schedule_state, p.warning_light, p.warning_reason, p.warning_due_on, p.rectification_round,
  p.latest_progress, p.created_at`;

/** The two statements of one ledger page: the page itself and the counts over the whole filtered set. */
export function ledgerQueries(actor: Actor, query: ListProblemsQuery): { page: SQL; counts: SQL } {
  const where = problemFilterSql(actor, query);
  return {
    page: sql`
      SELECT ${ledgerColumns}
      FROM problems p JOIN regions r ON r.id = p.region_id LEFT JOIN units lu ON lu.id = p.lead_unit_id
      WHERE ${where}
      ORDER BY ${SORTS[query.sort]!}
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    counts: sql`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE p.warning_light = 'green')::int AS green,
        count(*) FILTER (WHERE p.warning_light = 'yellow')::int AS yellow,
        count(*) FILTER (WHERE p.warning_light = 'red')::int AS red,
        count(*) FILTER (WHERE p.warning_light = 'severe')::int AS severe
      FROM problems p WHERE ${where}`,
  };
}

/** 问题清单: one page of the scoped, filtered, sorted ledger, with the total and warning counts of the whole set. */
export async function listProblems(ex: Executor, actor: Actor, query: ListProblemsQuery) {
  const q = ledgerQueries(actor, query);
  const [page, counts] = await Promise.all([ex.execute(q.page), ex.execute(q.counts)]);
  const c = rowsOf<{ total: number; green: number; yellow: number; red: number; severe: number }>(counts)[0]!;
  return {
    items: rowsOf<Row>(page).map(presentProblemRow),
    total: c.total,
    counts: { green: c.green, yellow: c.yellow, red: c.red, severe: c.severe },
  };
}
