import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { WorkingCalendar } from '../../../domain/calendar/calendar.js';
import type { ExportLedgerQuery } from '../../../shared/api/exports.js';
import type { Executor } from '../../db/client.js';
import { zhDate } from '../../ledger/export/format.js';
import { writeOverdueWorkbook, type OverdueRow } from '../../ledger/export/report-workbooks.js';
import type { Services } from '../../services.js';
import { problemFilterSql } from '../problems/list-problems.js';
import { assertWithinCap, compactDate, countyNameOf, exportMaxRows, keysetPages, mapPages, rowsOf, standardNotes, type PreparedWorkbook } from './export-support.js';

interface Row {
  id: number;
  code: string;
  title: string;
  lead_unit_name: string | null;
  deadline_kind: string;
  deadline: string | null;
  warning_reason: string | null;
  due: string;
  warning_due_on: string | null;
  warning_light: string;
  status: string;
}

/** Working days from the due date to today, as the warning light counts them; null outside the loaded calendars. */
export function workingDaysOverdue(calendar: WorkingCalendar, dueOn: string | null, today: string): number | null {
  if (!dueOn || dueOn >= today) return null;
  try {
    return calendar.workingDaysBetween(dueOn, today);
  } catch {
    return null;
  }
}

/**
 * 逾期问题清单: the problems in the user's scope and filters whose light is red or seriously overdue, the longest
 * overdue first (by the date that ran out), with the working days overdue counted on the official calendar.
 */
export async function exportOverdue(ex: Executor, services: Services, actor: Actor, filters: ExportLedgerQuery, options: { maxRows?: number } = {}): Promise<PreparedWorkbook> {
  const where = sql`${problemFilterSql(actor, filters)} AND p.warning_light IN ('red', 'severe')`;
  const [{ total }] = rowsOf<{ total: number }>(await ex.execute(sql`SELECT count(*)::int AS total FROM problems p WHERE ${where}`)) as [{ total: number }];
  const maxRows = options.maxRows ?? exportMaxRows();
  assertWithinCap(total, maxRows);
  const county = await countyNameOf(ex, actor);
  const today = services.clock.today();
  const calendar = await services.calendar.get(ex);
  const notes = await standardNotes(ex, actor, services.clock.now(), `${county}生态环境保护督察整改逾期问题清单`, filters);
  const page = async (after: { due: string; id: number } | null, limit: number) =>
    rowsOf<Row>(
      await ex.execute(sql`
        SELECT p.id, p.code, p.title, lu.name AS lead_unit_name, p.deadline_kind, COALESCE(p.deadline_in_force, p.deadline) AS deadline,
          p.warning_reason, COALESCE(p.warning_due_on, '9999-12-31') AS due, p.warning_due_on, p.warning_light, p.status
        FROM problems p LEFT JOIN units lu ON lu.id = p.lead_unit_id
        WHERE ${where} ${after ? sql`AND (COALESCE(p.warning_due_on, '9999-12-31'), p.id) > (${after.due}, ${after.id})` : sql``}
        ORDER BY COALESCE(p.warning_due_on, '9999-12-31'), p.id
        LIMIT ${limit}`),
    );
  const present = (r: Row): OverdueRow => ({
    code: r.code,
    title: r.title,
    leadUnitName: r.lead_unit_name,
    deadlineKind: r.deadline_kind,
    deadline: r.deadline,
    warningReason: r.warning_reason,
    warningDueOn: r.warning_due_on,
    workingDaysOverdue: workingDaysOverdue(calendar, r.warning_due_on, today),
    warningLight: r.warning_light,
    status: r.status,
  });
  return {
    fileName: `${county}逾期问题清单_${compactDate(today)}.xlsx`,
    rows: total,
    write: (out) =>
      writeOverdueWorkbook(
        out,
        { title: `${county}生态环境保护督察整改逾期问题清单（截至${zhDate(today)}）`, notes, creator: actor.displayName },
        mapPages(keysetPages(page, (r) => ({ due: r.due, id: r.id }), maxRows), present),
      ),
  };
}
