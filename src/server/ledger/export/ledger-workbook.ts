import type { Writable } from 'node:stream';
import { LEDGER_COLUMNS, type LedgerColumnKey } from '../../../domain/ledger/columns.js';
import { addDataRow, addNotesSheet, addTableSheet, breathe, excelDate, finishTableSheet, inSlices, label, openWorkbook, zhDate, type CellValue, type StyleName } from './format.js';

/**
 * 问题清单 (the ledger) as a workbook in the round-trip layout: exactly the exported columns of LEDGER_COLUMNS, in that
 * order, with the values written the way the import reads them back — vocabularies by their Chinese labels, units by
 * full name (several joined with 、), closing criteria one per line, deadlines as 立行立改 / 长期坚持 or a real date
 * cell, coordinates "lng,lat", 是/否.
 */

/** One problem as the ledger export reads it from the database. */
export interface LedgerExportRow {
  code: string;
  source: string;
  roundName: string | null;
  batchNumber: number | null;
  category: string;
  title: string;
  description: string;
  regionName: string;
  address: string | null;
  lng: string | null;
  lat: string | null;
  enterpriseName: string | null;
  enterpriseUscc: string | null;
  leadUnitName: string | null;
  cooperatingUnitNames: string[];
  leaderName: string | null;
  responsiblePerson: string | null;
  responsiblePhone: string | null;
  goal: string | null;
  measures: string | null;
  closingCriteria: string[];
  deadlineKind: string;
  /** the deadline as registered (the field the import sets) */
  deadline: string | null;
  /** the deadline in force after approved extensions (shown as a comment when it differs) */
  deadlineInForce: string | null;
  flagged: boolean;
  flagLevel: string | null;
  isPublic: boolean;
  latestProgress: string | null;
  status: string;
  closedOn: string | null;
  remarks: string | null;
}

export const EXPORTED_LEDGER_COLUMNS = LEDGER_COLUMNS.filter((c) => c.exported);

/**
 * The comment of a cell, if any: a dated deadline that was extended shows the deadline in force. The cell itself keeps
 * the registered deadline, so that importing the file back changes nothing; the extension stays in the history.
 */
export function ledgerNote(key: LedgerColumnKey, p: LedgerExportRow): string | null {
  if (key !== 'deadline' || p.deadlineKind !== 'date' || !p.deadlineInForce || p.deadlineInForce === p.deadline) return null;
  return `已批准延期，现行整改时限：${zhDate(p.deadlineInForce)}`;
}

/** The cell of one ledger column for one problem (`seq` is the running number). */
export function ledgerCell(key: LedgerColumnKey, p: LedgerExportRow, seq: number): CellValue {
  switch (key) {
    case 'seq':
      return seq;
    case 'code':
      return p.code;
    case 'source':
      return label(`source.${p.source}`);
    case 'round':
      return p.roundName;
    case 'batch':
      return p.batchNumber === null ? null : `第${p.batchNumber}批`;
    case 'category':
      return label(`category.${p.category}`);
    case 'title':
      return p.title;
    case 'description':
      return p.description;
    case 'region':
      return p.regionName;
    case 'address':
      return p.address;
    case 'coordinates':
      return p.lng !== null && p.lat !== null ? `${Number(p.lng)},${Number(p.lat)}` : null;
    case 'lng':
      return p.lng === null ? null : Number(p.lng);
    case 'lat':
      return p.lat === null ? null : Number(p.lat);
    case 'enterpriseName':
      return p.enterpriseName;
    case 'enterpriseUscc':
      return p.enterpriseUscc;
    case 'leadUnit':
      return p.leadUnitName;
    case 'cooperatingUnits':
      return p.cooperatingUnitNames.length ? p.cooperatingUnitNames.join('、') : null;
    case 'leader':
      return p.leaderName;
    case 'responsiblePerson':
      return p.responsiblePerson;
    case 'responsiblePhone':
      return p.responsiblePhone;
    case 'goal':
      return p.goal;
    case 'measures':
      return p.measures;
    case 'closingCriteria':
      return p.closingCriteria.length ? p.closingCriteria.join('\n') : null;
    case 'deadline':
      if (p.deadlineKind === 'immediate') return label('deadlineKind.immediate');
      if (p.deadlineKind === 'ongoing') return label('deadlineKind.ongoing');
      return excelDate(p.deadline);
    case 'flag':
      if (!p.flagged) return null;
      return p.flagLevel ? label(`flagLevel.${p.flagLevel}`) : '是';
    case 'isPublic':
      return p.isPublic ? '是' : '否';
    case 'progress':
      return p.latestProgress;
    case 'status':
      return label(`problemStatus.${p.status}`);
    case 'closedOn':
      return excelDate(p.closedOn);
    case 'remarks':
      return p.remarks;
  }
}

const CENTERED: ReadonlySet<LedgerColumnKey> = new Set(['seq', 'batch', 'category', 'region', 'flag', 'isPublic', 'status', 'leader', 'responsiblePerson']);

function styleOf(key: LedgerColumnKey, value: CellValue): StyleName {
  if (value instanceof Date) return 'date';
  if (key === 'deadline') return 'center';
  return CENTERED.has(key) ? 'center' : 'text';
}

export interface LedgerWorkbookMeta {
  /** 青溪县生态环境保护督察整改问题清单（导出时间：2026年11月23日） */
  title: string;
  /** rows of the 说明 sheet written before the row count */
  notes: [string, string][];
  creator: string;
}

/**
 * Write the ledger workbook into `out`, page after page as `pages` yields them, waiting for the reader between pages
 * so memory stays flat however many rows there are. Resolves with the number of rows written.
 */
export async function writeLedgerWorkbook(out: Writable, meta: LedgerWorkbookMeta, pages: AsyncIterable<readonly LedgerExportRow[]>): Promise<number> {
  const workbook = openWorkbook(out, meta.creator);
  const columns = EXPORTED_LEDGER_COLUMNS;
  const sheet = addTableSheet(workbook, '问题清单', meta.title, columns, { freezeColumns: 2 });
  let seq = 0;
  for await (const page of inSlices(pages)) {
    for (const p of page) {
      seq += 1;
      const values = columns.map((c) => ledgerCell(c.key, p, seq));
      const notes = columns.map((c) => ledgerNote(c.key, p));
      addDataRow(
        sheet,
        values,
        columns.map((c, i) => styleOf(c.key, values[i] ?? null)),
        notes.some(Boolean) ? { notes } : {},
      );
    }
    await breathe(out, sheet);
  }
  finishTableSheet(sheet, columns.length, seq);
  addNotesSheet(workbook, [...meta.notes, ['行数', `${seq} 条问题`], ['列', columns.map((c) => c.header).join('、')]]);
  await workbook.commit();
  return seq;
}
