import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { CampaignDetail, CampaignSummary, ListCampaignsQuery, LookbackCheck, StoredSampling } from '../../../shared/api/lookback.js';
import { problemScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { iso, requireCoordinator, rowsOf } from './coordinator.js';

/** Campaigns a coordinator sees: their own, and those drawing problems inside their scope. */
export function campaignVisibleSql(actor: Actor, alias = 'c'): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.created_by = ${actor.userId} OR EXISTS (
    SELECT 1 FROM lookback_checks vc JOIN problems p ON p.id = vc.problem_id
    WHERE vc.campaign_id = ${c}.id AND ${problemScopeSql(actor, 'p')}))`;
}

interface SummaryRow {
  id: number;
  name: string;
  status: 'open' | 'completed';
  sampling: StoredSampling;
  created_by: number;
  created_by_name: string | null;
  created_at: Date | string;
  total: number;
  checked: number;
  consolidated: number;
  rebound: number;
}

const summarySelect = sql`
  SELECT c.id, c.name, c.status, c.sampling, c.created_by, cu.display_name AS created_by_name, c.created_at,
         coalesce(k.total, 0)::int AS total, coalesce(k.checked, 0)::int AS checked,
         coalesce(k.consolidated, 0)::int AS consolidated, coalesce(k.rebound, 0)::int AS rebound
  FROM lookback_campaigns c
  LEFT JOIN users cu ON cu.id = c.created_by
  LEFT JOIN LATERAL (
    SELECT count(*) AS total, count(lc.result) AS checked,
           count(*) FILTER (WHERE lc.result = 'consolidated') AS consolidated,
           count(*) FILTER (WHERE lc.result = 'rebound') AS rebound
    FROM lookback_checks lc WHERE lc.campaign_id = c.id) k ON TRUE`;

const presentSummary = (r: SummaryRow): CampaignSummary => ({
  id: Number(r.id),
  name: r.name,
  status: r.status,
  sampling: typeof r.sampling === 'string' ? JSON.parse(r.sampling) : r.sampling,
  createdBy: { id: Number(r.created_by), name: r.created_by_name ?? '' },
  createdAt: iso(r.created_at)!,
  counts: { total: Number(r.total), checked: Number(r.checked), consolidated: Number(r.consolidated), rebound: Number(r.rebound) },
});

export async function listCampaigns(ex: Executor, actorIn: Actor, query: ListCampaignsQuery): Promise<{ items: CampaignSummary[]; total: number }> {
  const actor = requireCoordinator(actorIn);
  const where = [campaignVisibleSql(actor, 'c')];
  if (query.status) where.push(sql`c.status = ${query.status}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = rowsOf<{ n: number }>(await ex.execute(sql`SELECT count(*)::int AS n FROM lookback_campaigns c WHERE ${cond}`));
  const rows = rowsOf<SummaryRow>(
    await ex.execute(sql`${summarySelect} WHERE ${cond} ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
  );
  return { items: rows.map(presentSummary), total: Number(count?.n ?? 0) };
}

interface CheckRow {
  id: number;
  campaign_id: number;
  campaign_name: string;
  problem_id: number;
  code: string;
  title: string;
  status: LookbackCheck['problemStatus'];
  rectification_round: number;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  checker_user_id: number | null;
  checker_name: string | null;
  result: LookbackCheck['result'];
  note: string | null;
  evidence_ids: number[] | string;
  checked_at: Date | string | null;
}

export const checkSelect = sql`
  SELECT lc.id, lc.campaign_id, c.name AS campaign_name, lc.problem_id, p.code, p.title, p.status, p.rectification_round,
         p.lead_unit_id, lu.name AS lead_unit_name, lc.checker_user_id, cu.display_name AS checker_name,
         lc.result, lc.note, lc.evidence_ids, lc.checked_at
  FROM lookback_checks lc
  JOIN lookback_campaigns c ON c.id = lc.campaign_id
  JOIN problems p ON p.id = lc.problem_id
  LEFT JOIN units lu ON lu.id = p.lead_unit_id
  LEFT JOIN users cu ON cu.id = lc.checker_user_id`;

export const presentCheck = (r: CheckRow): LookbackCheck => ({
  id: Number(r.id),
  campaignId: Number(r.campaign_id),
  campaignName: r.campaign_name,
  problemId: Number(r.problem_id),
  problemCode: r.code,
  problemTitle: r.title,
  problemStatus: r.status,
  rectificationRound: Number(r.rectification_round),
  leadUnit: r.lead_unit_id == null ? null : { id: Number(r.lead_unit_id), name: r.lead_unit_name ?? '' },
  checker: r.checker_user_id == null ? null : { id: Number(r.checker_user_id), name: r.checker_name ?? '' },
  result: r.result,
  note: r.note,
  evidenceIds: (typeof r.evidence_ids === 'string' ? JSON.parse(r.evidence_ids) : r.evidence_ids).map(Number),
  checkedAt: iso(r.checked_at),
});

export async function getCampaign(ex: Executor, actorIn: Actor, id: number): Promise<CampaignDetail> {
  const actor = requireCoordinator(actorIn);
  const [row] = rowsOf<SummaryRow>(await ex.execute(sql`${summarySelect} WHERE c.id = ${id} AND ${campaignVisibleSql(actor, 'c')}`));
  if (!row) throw notFound();
  const checks = rowsOf<CheckRow>(await ex.execute(sql`${checkSelect} WHERE lc.campaign_id = ${id} AND ${problemScopeSql(actor, 'p')} ORDER BY p.code, lc.id`));
  return { ...presentSummary(row), checks: checks.map(presentCheck) };
}

/** One check, for its assigned checker or a coordinator who sees its problem (the record form). */
export async function getCheck(ex: Executor, actor: Actor, id: number): Promise<LookbackCheck> {
  const coordinator = actor.roles.includes('coordinator');
  const [row] = rowsOf<CheckRow>(
    await ex.execute(
      sql`${checkSelect} WHERE lc.id = ${id} AND (lc.checker_user_id = ${actor.userId} ${coordinator ? sql`OR ${problemScopeSql(actor, 'p')}` : sql``})`,
    ),
  );
  if (!row) throw notFound();
  return presentCheck(row);
}
