import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { stratifiedSampleDetail } from '../../../domain/sampling.js';
import type { CreateCampaignInput, StoredSampling } from '../../../shared/api/lookback.js';
import { problemScopeSql } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database } from '../../db/client.js';
import { lookbackCampaigns, lookbackChecks } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { requireCoordinator, rowsOf } from './coordinator.js';

/** Stratum of a problem without a lead unit (should not happen for a closed problem, but must not break a draw). */
const NO_LEAD = 'none';

/**
 * 回头看 draw: the coordinator's closed problems (in scope, matching the filter), all or a reproducible sample
 * stratified by lead unit. The seed is generated when absent and stored with the per-unit counts, so the draw can be
 * redone and audited. The campaign, its checks and the history row are written in one transaction.
 */
export async function createCampaign(ctx: { database: Database; services: Services }, actorIn: Actor, body: CreateCampaignInput): Promise<{ id: number }> {
  const actor = requireCoordinator(actorIn);
  const filter = body.filter ?? {};
  return ctx.database.transaction(async (tx) => {
    const where: SQL[] = [sql`p.status = 'closed'`, problemScopeSql(actor, 'p')];
    if (filter.closedFrom) where.push(sql`p.closed_on >= ${filter.closedFrom}`);
    if (filter.closedTo) where.push(sql`p.closed_on <= ${filter.closedTo}`);
    if (filter.category) where.push(sql`p.category = ${filter.category}`);
    if (filter.source) where.push(sql`p.source = ${filter.source}`);
    const population = rowsOf<{ id: number; lead_unit_id: number | null }>(
      await tx.execute(sql`SELECT p.id, p.lead_unit_id FROM problems p WHERE ${sql.join(where, sql` AND `)} ORDER BY p.id`),
    ).map((r) => ({ id: Number(r.id), stratum: r.lead_unit_id == null ? NO_LEAD : String(r.lead_unit_id) }));
    if (population.length === 0) throw new AppError('LOOKBACK_NOTHING_TO_DRAW', {}, 422);

    let sampling: StoredSampling;
    let ids: number[];
    if (body.sampling.kind === 'all') {
      ids = population.map((p) => p.id);
      sampling = { kind: 'all', filter, population: population.length, drawn: ids.length };
    } else {
      const seed = body.sampling.seed ?? randomBytes(8).toString('hex');
      const draw = stratifiedSampleDetail(population, { ratio: body.sampling.ratio, seed, minPerStratum: 1 });
      ids = draw.ids;
      sampling = {
        kind: 'stratified',
        ratio: body.sampling.ratio,
        seed,
        stratifiedBy: 'lead_unit',
        filter,
        population: population.length,
        drawn: ids.length,
        strata: draw.strata,
      };
    }

    const now = ctx.services.clock.now();
    const [campaign] = await tx
      .insert(lookbackCampaigns)
      .values({ name: body.name, sampling, status: 'open', createdBy: actor.userId, createdAt: now })
      .returning({ id: lookbackCampaigns.id });
    const campaignId = campaign!.id;
    for (let i = 0; i < ids.length; i += 1000) {
      await tx.insert(lookbackChecks).values(ids.slice(i, i + 1000).map((problemId) => ({ campaignId, problemId })));
    }
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, {
      action: 'lookback.campaign_created',
      entityType: 'lookback_campaign',
      entityId: campaignId,
      after: { name: body.name, sampling, problemIds: ids },
    });
    return { id: campaignId };
  });
}
