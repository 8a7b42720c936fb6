import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../domain/access.js';
import { defaultNumberPrefix } from '../../../domain/reports/document-number.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * The `documents` setting (settings table, key 'documents'): how the office names itself on the documents it issues.
 * Both optional: { "issuerName": "青溪县生态环境保护督察整改工作领导小组办公室", "numberPrefix": "青督办" }. Set by the admin
 * (PUT /api/settings/documents, which applies the stricter rules of src/domain/reports/document-settings.ts); read
 * leniently here, so a row written earlier by hand keeps working.
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

/** The documents setting as stored (either field may be absent); a malformed row reads as empty. */
export async function loadDocumentSettings(ex: Executor): Promise<z.infer<typeof documentSettingsSchema>> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(eq(settings.key, 'documents'));
  const parsed = documentSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : {};
}

interface ActorInfo {
  unit_name: string;
  region_name: string;
  phone: string | null;
  office_name: string | null;
}

async function actorInfo(ex: Executor, actor: Actor): Promise<ActorInfo | undefined> {
  const [info] = rowsOf<ActorInfo>(
    await ex.execute(sql`
      SELECT un.name AS unit_name, r.name AS region_name, us.phone,
             (SELECT o.name FROM units o WHERE o.kind = 'inspection_office' AND o.enabled
                AND o.region_id IN (SELECT id FROM regions WHERE path LIKE ${`${actor.regionPath}%`}) ORDER BY o.path LIMIT 1) AS office_name
      FROM users us JOIN units un ON un.id = us.unit_id JOIN regions r ON r.id = un.region_id
      WHERE us.id = ${actor.userId}`),
  );
  return info;
}

function defaultsFrom(info: ActorInfo | undefined, actor: Actor) {
  const unitName = info?.unit_name ?? '';
  const regionName = info?.region_name ?? '';
  return {
    issuerName: actor.roles.includes('coordinator') ? unitName : (info?.office_name ?? unitName),
    numberPrefix: defaultNumberPrefix(regionName),
    regionName,
  };
}

/** What applies for this actor when the setting leaves a field empty (the admin screen shows it). */
export async function issuerDefaults(ex: Executor, actor: Actor): Promise<{ issuerName: string; numberPrefix: string; regionName: string }> {
  return defaultsFrom(await actorInfo(ex, actor), actor);
}

/**
 * Who issues a document on behalf of this actor. The name: the setting; else a coordinator's own unit (the 督察办 or
 * the bureau that leads); else the inspection office of the actor's region (a leader downloading the bulletin); else
 * the actor's unit. The 机关代字: the setting; else the region's first character + 督办 (青溪县 → 青督办).
 */
export async function resolveIssuer(ex: Executor, actor: Actor): Promise<Issuer> {
  const configured = await loadDocumentSettings(ex);
  const info = await actorInfo(ex, actor);
  const defaults = defaultsFrom(info, actor);
  return {
    name: configured.issuerName ?? defaults.issuerName,
    numberPrefix: configured.numberPrefix ?? defaults.numberPrefix,
    regionName: defaults.regionName,
    contact: { name: actor.displayName, phone: info?.phone ?? null },
  };
}
