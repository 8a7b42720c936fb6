import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import { isValidIssuerName, isValidNumberPrefix, normalizeSettingText } from '../../../domain/reports/document-settings.js';
import type { DocumentSettingsInput, DocumentSettingsView } from '../../../shared/api/settings.js';
import { requirePermission } from '../../access/access.js';
import { recordChange } from '../../audit/record-change.js';
import type { Database, Executor } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { issuerDefaults, loadDocumentSettings } from './issuer.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** The documents setting for the admin screen: as set, the defaults that apply when empty, this year's numbering. */
export async function getDocumentSettings(ex: Executor, services: Services, actor: Actor): Promise<DocumentSettingsView> {
  requirePermission(actor, 'settings.manage');
  const configured = await loadDocumentSettings(ex);
  const year = Number(services.clock.today().slice(0, 4));
  const suffix = `:${year}`;
  // Counter keys are notice:<机关代字>:<year> (noticeCounterKey).
  const counters = rowsOf<{ key: string; last: number }>(
    await ex.execute(sql`SELECT key, last FROM code_counters WHERE key LIKE 'notice:%' AND right(key, ${suffix.length}) = ${suffix} ORDER BY last DESC, key COLLATE "C"`),
  );
  return {
    issuerName: configured.issuerName ?? null,
    numberPrefix: configured.numberPrefix ?? null,
    defaults: await issuerDefaults(ex, actor),
    year,
    counters: counters.map((c) => ({ numberPrefix: c.key.slice('notice:'.length, -suffix.length), last: Number(c.last) })),
  };
}

/**
 * Change the documents setting (admin): each field a value, or empty for the default. Checked against the rules of
 * src/domain/reports/document-settings.ts; the change and its history row are written in one transaction. A new 机关代字
 * starts its own numbering (counters are per 机关代字 and year), so numbers already issued are never reused.
 */
export async function saveDocumentSettings(database: Database, services: Services, actor: Actor, input: DocumentSettingsInput): Promise<DocumentSettingsView> {
  requirePermission(actor, 'settings.manage');
  const issuerName = normalizeSettingText(input.issuerName);
  const numberPrefix = normalizeSettingText(input.numberPrefix);
  if (issuerName !== null && !isValidIssuerName(issuerName)) throw new AppError('DOCUMENT_ISSUER_INVALID', {}, 422);
  if (numberPrefix !== null && !isValidNumberPrefix(numberPrefix)) throw new AppError('DOCUMENT_PREFIX_INVALID', {}, 422);
  const value = { ...(issuerName !== null ? { issuerName } : {}), ...(numberPrefix !== null ? { numberPrefix } : {}) };
  await database.transaction(async (tx) => {
    const before = await loadDocumentSettings(tx);
    await tx
      .insert(settings)
      .values({ key: 'documents', value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await recordChange(tx, { id: actor.userId, name: actor.displayName }, { action: 'settings.documents_updated', entityType: 'settings', entityId: 'documents', before, after: value });
  });
  return getDocumentSettings(database.db, services, actor);
}
