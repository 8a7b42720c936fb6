import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { ExportLedgerQuery } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import { zhDate } from '../../ledger/export/format.js';
import { writeLedgerWorkbook, type LedgerExportRow } from '../../ledger/export/ledger-workbook.js';
import type { Services } from '../../services.js';
import { problemFilterSql } from '../problems/list-problems.js';
import { assertWithinCap, compactDate, countyNameOf, EXPORT_PAGE_SIZE, exportMaxRows, keysetPages, mapPages, rowsOf, standardNotes, type PreparedWorkbook } from './export-support.js';

interface Row {
  id: number;
  code: string;
  source: string;
  round_name: string | null;
  batch_number: number | null;
  category: string;
  title: string;
  description: string;
  region_name: string;
  address: string | null;
  lng: string | null;
  lat: string | null;
  enterprise_name: string | null;
  enterprise_uscc: string | null;
  lead_unit_name: string | null;
  cooperating: string[] | null;
  leader_name: string | null;
  responsible_person: string | null;
  responsible_phone: string | null;
  goal: string | null;
  measures: string | null;
  closing_criteria: string[] | null;
  deadline_kind: string;
  deadline: string | null;
  deadline_in_force: string | null;
  flagged: boolean;
  flag_level: string | null;
  is_public: boolean;
  latest_progress: string | null;
  status: string;
  closed_on: string | null;
  remarks: string | null;
}

const present = (r: Row): LedgerExportRow => ({
  code: r.code,
  source: r.source,
  roundName: r.round_name,
  batchNumber: r.batch_number === null ? null : Number(r.batch_number),
  category: r.category,
  title: r.title,
  description: r.description,
  regionName: r.region_name,
  address: r.address,
  lng: r.lng,
  lat: r.lat,
  enterpriseName: r.enterprise_name,
  enterpriseUscc: r.enterprise_uscc,
  leadUnitName: r.lead_unit_name,
  cooperatingUnitNames: r.cooperating ?? [],
  leaderName: r.leader_name,
  responsiblePerson: r.responsible_person,
  responsiblePhone: r.responsible_phone,
  goal: r.goal,
  measures: r.measures,
  closingCriteria: Array.isArray(r.closing_criteria) ? r.closing_criteria : [],
  deadlineKind: r.deadline_kind,
  deadline: r.deadline,
  deadlineInForce: r.deadline_in_force,
  flagged: r.flagged,
  flagLevel: r.flag_level,
  isPublic: r.is_public,
  latestProgress: r.latest_progress,
  status: r.status,
  closedOn: r.closed_on,
  remarks: r.remarks,
});

/**
 * 导出问题清单: the ledger exactly as filtered on screen and only what the user may see (the ledger's own WHERE
 * clause, scope included), every exported column, streamed in keyset pages of 2,000 problems ordered by id.
 * Refused before the first byte when the filtered set exceeds the cap.
 */
export async function exportLedger(ex: Executor, services: Services, actor: Actor, filters: ExportLedgerQuery, options: { maxRows?: number; pageSize?: number } = {}): Promise<PreparedWorkbook> {
  const where = problemFilterSql(actor, filters);
  const [{ total }] = rowsOf<{ total: number }>(await ex.execute(sql`SELECT count(*)::int AS total FROM problems p WHERE ${where}`)) as [{ total: number }];
  const maxRows = options.maxRows ?? exportMaxRows();
  assertWithinCap(total, maxRows);
  const county = await countyNameOf(ex, actor);
  const today = services.clock.today();
  const notes = await standardNotes(ex, actor, services.clock.now(), `${county}生态环境保护督察整改问题清单（可按“导入台账”原样导入）`, filters);
  const page = async (after: number | null, limit: number) =>
    rowsOf<Row>(
      await ex.execute(sql`
        SELECT p.id, p.code, p.source, ro.name AS round_name, b.number AS batch_number, p.category, p.title, p.description,
          r.name AS region_name, p.address, p.lng, p.lat, p.enterprise_name, p.enterprise_uscc, lu.name AS lead_unit_name,
          (SELECT array_agg(cu.name ORDER BY cu.id) FROM problem_units pu JOIN units cu ON cu.id = pu.unit_id
            WHERE pu.problem_id = p.id AND pu.role = 'cooperating') AS cooperating,
          le.display_name AS leader_name, p.responsible_person, p.responsible_phone, p.goal, p.measures, p.closing_criteria,
          p.deadline_kind, p.deadline, p.deadline_in_force, p.flagged, p.flag_level, p.is_public,
          p.latest_progress, p.status, p.closed_on, p.remarks
        FROM problems p
          JOIN regions r ON r.id = p.region_id
          LEFT JOIN units lu ON lu.id = p.lead_unit_id
          LEFT JOIN rounds ro ON ro.id = p.round_id
          LEFT JOIN batches b ON b.id = p.batch_id
          LEFT JOIN users le ON le.id = p.leader_user_id
        WHERE ${where} AND p.id > ${after ?? 0}
        ORDER BY p.id
        LIMIT ${limit}`),
    );
  return {
    fileName: `${county}问题清单_${compactDate(today)}.xlsx`,
    rows: total,
    write: (out) =>
      writeLedgerWorkbook(
        out,
        { title: `${county}生态环境保护督察整改问题清单（导出时间：${zhDate(today)}）`, notes, creator: actor.displayName },
        mapPages(
          keysetPages(page, (r) => r.id, maxRows, options.pageSize ?? EXPORT_PAGE_SIZE),
          present,
        ),
      ),
  };
}
