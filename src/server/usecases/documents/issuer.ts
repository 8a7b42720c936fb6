import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../domain/access.js';
import { defaultNumberPrefix } from '../../../domain/reports/document-number.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * The `documents` setting (settings table, key 'documents'): how the office names itself on the documents it issues.
 * Both optional: { "issuerName": "青溪县生态环境保护督察整改工作领导小组办公室", "numberPrefix": "青督办" }.
 */
export const documentSettingsSchema = z.object({
  issuerName: z.string().trim().min(2).max(60).optional(),
  numberPrefix: z.string().trim().min(1).max(12).optional(),
});

export interface Issuer {
  /** 发文机关 (full name) */
  name: string;
  /** 机关代字 of the 文号 */
  numberPrefix: string;
  /** the actor's region, as documents name their area ("青溪县") */
  regionName: string;
  /** the person issuing, for the 联系人 line */
  contact: { name: string; phone: string | null };
}

/**
 * Who issues a document on behalf of this actor. The name: the setting; else a coordinator's own unit (the 督察办 or
 * the bureau that leads); else the inspection office of the actor's region (a leader downloading the bulletin); else
 * the actor's unit. The 机关代字: the setting; else the region's first character + 督办 (青溪县 → 青督办).
 */
export async function resolveIssuer(ex: Executor, actor: Actor): Promise<Issuer> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(eq(settings.key, 'documents'));
  const parsed = documentSettingsSchema.safeParse(row?.value ?? {});
  const configured = parsed.success ? parsed.data : {};
  const [info] = rowsOf<{ unit_name: string; region_name: string; phone: string | null; office_name: string | null }>(
    await ex.execute(sql`
      SELECT un.name AS unit_name, r.name AS region_name, us.phone,
             (SELECT o.name FROM units o WHERE o.kind = 'inspection_office' AND o.enabled
                AND o.region_id IN (SELECT id FROM regions WHERE path LIKE ${`${actor.regionPath}%`}) ORDER BY o.path LIMIT 1) AS office_name
      FROM users us JOIN units un ON un.id = us.unit_id JOIN regions r ON r.id = un.region_id
      WHERE us.id = ${actor.userId}`),
  );
  const unitName = info?.unit_name ?? '';
  const name = configured.issuerName ?? (actor.roles.includes('coordinator') ? unitName : (info?.office_name ?? unitName));
  const regionName = info?.region_name ?? '';
  return {
    name,
    numberPrefix: configured.numberPrefix ?? defaultNumberPrefix(regionName),
    regionName,
    contact: { name: actor.displayName, phone: info?.phone ?? null },
  };
}
