import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ExportLedgerQuery } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import { zhDate } from '../../ledger/export/format.js';
import { writeClosedWorkbook, type ClosedRow } from '../../ledger/export/report-workbooks.js';
import { chinaDate, type Services } from '../../services.js';
import { problemFilterSql } from '../problems/list-problems.js';
import { assertWithinCap, compactDate, countyNameOf, exportMaxRows, keysetPages, mapPages, rowsOf, standardNotes, type PreparedWorkbook } from './export-support.js';

interface Row {
  id: number;
  code: string;
  title: string;
  region_name: string;
  lead_unit_name: string | null;
  verified_at: Date | string | null;
  closed_on: string | null;
  sort_on: string;
  filing_number: string | null;
  filing_date: string | null;
}

/**
 * 已销号问题清单: the closed problems in the user's scope and filters, in the order they were closed, with the day
 * their last verification passed (China time), the closing day and the filing number (备案号).
 */
export async function exportClosed(ex: Executor, services: Services, actor: Actor, filters: ExportLedgerQuery, options: { maxRows?: number } = {}): Promise<PreparedWorkbook> {
  const where = sql`${problemFilterSql(actor, filters)} AND p.status = 'closed'`;
  const [{ total }] = rowsOf<{ total: number }>(await ex.execute(sql`SELECT count(*)::int AS total FROM problems p WHERE ${where}`)) as [{ total: number }];
  const maxRows = options.maxRows ?? exportMaxRows();
  assertWithinCap(total, maxRows);
  const county = await countyNameOf(ex, actor);
  const today = services.clock.today();
  const notes = await standardNotes(ex, actor, services.clock.now(), `${county}生态环境保护督察整改已销号问题清单`, filters);
  const page = async (after: { on: string; id: number } | null, limit: number) =>
    rowsOf<Row>(
      await ex.execute(sql`
        SELECT p.id, p.code, p.title, r.name AS region_name, lu.name AS lead_unit_name,
          (SELECT max(v.decided_at) FROM verifications v WHERE v.problem_id = p.id AND v.result = 'pass') AS verified_at,
          p.closed_on, COALESCE(p.closed_on, '') AS sort_on, p.filing_number, p.filing_date
        FROM problems p JOIN regions r ON r.id = p.region_id LEFT JOIN units lu ON lu.id = p.lead_unit_id
        WHERE ${where} ${after ? sql`AND (COALESCE(p.closed_on, ''), p.id) > (${after.on}, ${after.id})` : sql``}
        ORDER BY COALESCE(p.closed_on, ''), p.id
        LIMIT ${limit}`),
    );
  const present = (r: Row): ClosedRow => ({
    code: r.code,
    title: r.title,
    regionName: r.region_name,
    leadUnitName: r.lead_unit_name,
    verifiedOn: r.verified_at ? chinaDate(new Date(r.verified_at)) : null,
    closedOn: r.closed_on,
    filingNumber: r.filing_number,
    filingDate: r.filing_date,
  });
  return {
    fileName: `${county}已销号问题清单_${compactDate(today)}.xlsx`,
    rows: total,
    write: (out) =>
      writeClosedWorkbook(
        out,
        { title: `${county}生态环境保护督察整改已销号问题清单（截至${zhDate(today)}）`, notes, creator: actor.displayName },
        mapPages(keysetPages(page, (r) => ({ on: r.sort_on, id: r.id }), maxRows), present),
      ),
  };
}
