import { sql } from 'drizzle-orm';
import { toPublicClosed, toPublicProgress } from '../../../domain/ledger/disclosure.js';
import type { DisclosureFileQuery } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import { chinaDateTime, zhDate } from '../../ledger/export/format.js';
import { writeDisclosureWorkbook } from '../../ledger/export/disclosure-workbook.js';
import type { Services } from '../../services.js';
import { assertWithinCap, compactDate, keysetPages, mapPages, rowsOf, type PreparedWorkbook } from './export-support.js';
import { disclosureColumns, disclosureFrom, disclosureSource, disclosureWhere, type DisclosureRow } from './list-disclosure.js';

/** Rows per public table in one public workbook (anyone may ask for it, so it stays bounded). */
export const DISCLOSURE_FILE_MAX_ROWS = 50_000;

/**
 * 对外公开 as a workbook: both public tables (filtered by q and region like the page), streamed in keyset pages,
 * built only from the public rows of the disclosure policy.
 */
export async function exportDisclosure(ex: Executor, services: Services, filters: DisclosureFileQuery, options: { maxRows?: number } = {}): Promise<PreparedWorkbook> {
  const maxRows = options.maxRows ?? DISCLOSURE_FILE_MAX_ROWS;
  const closedWhere = disclosureWhere('closed', filters);
  const progressWhere = disclosureWhere('progress', filters);
  const [counts] = rowsOf<{ closed: number; progress: number }>(
    await ex.execute(sql`SELECT (SELECT count(*)::int FROM problems p WHERE ${closedWhere}) AS closed, (SELECT count(*)::int FROM problems p WHERE ${progressWhere}) AS progress`),
  ) as [{ closed: number; progress: number }];
  assertWithinCap(Math.max(counts.closed, counts.progress), maxRows);
  const [place] = rowsOf<{ name: string }>(
    await ex.execute(
      filters.regionId ? sql`SELECT name FROM regions WHERE id = ${filters.regionId}` : sql`SELECT name FROM regions WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    ),
  );
  const today = services.clock.today();
  const title = `${place?.name ?? ''}生态环境保护督察整改公开情况`;
  const page = (where: typeof closedWhere) => async (after: number | null, limit: number) =>
    rowsOf<DisclosureRow>(await ex.execute(sql`SELECT ${disclosureColumns} FROM ${disclosureFrom} WHERE ${where} AND p.id > ${after ?? 0} ORDER BY p.id LIMIT ${limit}`));
  return {
    fileName: `${place?.name ?? ''}督察整改公开情况_${compactDate(today)}.xlsx`,
    rows: counts.closed + counts.progress,
    write: (out) =>
      writeDisclosureWorkbook(
        out,
        {
          title,
          asOf: today,
          notes: [
            ['文件', `${title}（截至${zhDate(today)}）`],
            ['生成时间', chinaDateTime(services.clock.now())],
            ['关键词', filters.q ? `“${filters.q}”` : '无'],
            ['说明', '仅包含标记为“公开”的问题及其公开信息；不含责任人、联系电话、企业信用代码、问题详情、地址和内部备注。'],
          ],
        },
        mapPages(keysetPages(page(closedWhere), (r) => r.id, maxRows), (r) => toPublicClosed(disclosureSource(r))),
        mapPages(keysetPages(page(progressWhere), (r) => r.id, maxRows), (r) => toPublicProgress(disclosureSource(r))),
      ),
  };
}
