import { sql } from 'drizzle-orm';
import { recordChange } from '../../audit/record-change.js';
import type { Database } from '../../db/client.js';

/** Days an import keeps its uploaded file and checked rows after its last change. */
export const IMPORT_FILE_RETENTION_DAYS = 90;

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * Retention of uploaded ledgers (run by the daily job): a ledger file carries personal data (responsible persons,
 * phone numbers), and what it held is on the ledger once committed, so an import untouched for
 * IMPORT_FILE_RETENTION_DAYS keeps its record (who, when, file name, checksum, summary, result) but loses the file
 * and its checked rows. A commit in progress is never touched. One history row names the imports purged.
 */
export async function purgeImportFiles(database: Database, now: Date): Promise<number> {
  const before = new Date(now.getTime() - IMPORT_FILE_RETENTION_DAYS * 86_400_000).toISOString();
  return database.transaction(async (tx) => {
    const purged = rowsOf<{ id: number }>(
      await tx.execute(sql`
        UPDATE ledger_imports SET file = ''::bytea, checked_rows = NULL, file_purged_at = ${now.toISOString()}::timestamptz
        WHERE file_purged_at IS NULL AND status <> 'committing' AND updated_at < ${before}::timestamptz
        RETURNING id`),
    ).map((r) => Number(r.id));
    if (purged.length)
      await recordChange(tx, { id: null, name: null }, {
        action: 'import.files_purged',
        entityType: 'ledger_import',
        entityId: purged.length === 1 ? purged[0]! : `${purged.length} imports`,
        after: { ids: purged, retentionDays: IMPORT_FILE_RETENTION_DAYS },
      });
    return purged.length;
  });
}
