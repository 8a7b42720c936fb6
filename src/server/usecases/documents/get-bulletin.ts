import type { Actor } from '../../../domain/access.js';
import type { BulletinQuery } from '../../../shared/api/documents.js';
import { buildBulletin } from '../../documents/bulletin.js';
import type { Executor } from '../../db/client.js';
import type { Services } from '../../services.js';
import { getBulletinSummary } from './bulletin-summary.js';
import { resolveIssuer } from './issuer.js';
import type { GeneratedDocument } from './notice-support.js';

/**
 * 调度通报 as a Word document: the figures of getBulletinSummary laid out as an official bulletin, with charts. The
 * 文号 is left for the office to fill in when it issues the bulletin. Also says which period it covers and how many
 * problems it counts (for the history of exports).
 */
export async function getBulletinDocument(
  ex: Executor,
  services: Services,
  actor: Actor,
  query: BulletinQuery,
): Promise<GeneratedDocument & { period: { from: string; to: string }; problems: number }> {
  const summary = await getBulletinSummary(ex, services, actor, query);
  const issuer = await resolveIssuer(ex, actor);
  const buffer = await buildBulletin({ summary, issuer: issuer.name, numberPrefix: issuer.numberPrefix, issuedOn: services.clock.today() });
  return { buffer, fileName: `调度通报-${summary.period.label}.docx`, period: { from: summary.period.from, to: summary.period.to }, problems: summary.totals.total };
}
