import type { Writable } from 'node:stream';
import { PUBLIC_CLOSED_COLUMNS, PUBLIC_PROGRESS_COLUMNS, type PublicClosed, type PublicProgress } from '../../../domain/ledger/disclosure.js';
import { addDataRow, addNotesSheet, addTableSheet, breathe, excelDate, finishTableSheet, inSlices, label, openWorkbook, type CellValue, type StyleName } from './format.js';

/**
 * The public disclosure as a workbook: 已销号问题 and 整改进展, built only from the public rows of
 * src/domain/ledger/disclosure.ts (it never sees anything else).
 */

export interface DisclosureWorkbookMeta {
  /** 青溪县生态环境保护督察整改公开情况 */
  title: string;
  asOf: string;
  notes: [string, string][];
}

function closedValues(r: PublicClosed): { values: CellValue[]; styles: StyleName[] } {
  const values = PUBLIC_CLOSED_COLUMNS.map((c): CellValue => {
    switch (c.field) {
      case 'category':
        return label(`category.${r.category}`);
      case 'closedOn':
        return excelDate(r.closedOn);
      default:
        return r[c.field];
    }
  });
  return { values, styles: PUBLIC_CLOSED_COLUMNS.map((c, i) => (values[i] instanceof Date ? 'date' : c.field === 'category' || c.field === 'regionName' ? 'center' : 'text')) };
}

function progressValues(r: PublicProgress): { values: CellValue[]; styles: StyleName[] } {
  const values = PUBLIC_PROGRESS_COLUMNS.map((c): CellValue => {
    switch (c.field) {
      case 'category':
        return label(`category.${r.category}`);
      case 'status':
        return label(`problemStatus.${r.status}`);
      case 'deadline':
        return r.deadlineKind === 'date' ? excelDate(r.deadline) : label(`deadlineKind.${r.deadlineKind}`);
      default:
        return r[c.field];
    }
  });
  return { values, styles: PUBLIC_PROGRESS_COLUMNS.map((c, i) => (values[i] instanceof Date ? 'date' : ['category', 'regionName', 'status', 'deadline'].includes(c.field) ? 'center' : 'text')) };
}

/** Write both public tables into `out`; resolves with the row counts. */
export async function writeDisclosureWorkbook(
  out: Writable,
  meta: DisclosureWorkbookMeta,
  closed: AsyncIterable<readonly PublicClosed[]>,
  progress: AsyncIterable<readonly PublicProgress[]>,
): Promise<{ closed: number; progress: number }> {
  const workbook = openWorkbook(out, meta.title);
  const closedSheet = addTableSheet(workbook, '已销号问题', `${meta.title}（已销号问题）`, PUBLIC_CLOSED_COLUMNS, { freezeColumns: 1 });
  let closedCount = 0;
  for await (const page of inSlices(closed)) {
    for (const r of page) {
      const { values, styles } = closedValues(r);
      addDataRow(closedSheet, values, styles);
      closedCount += 1;
    }
    await breathe(out, closedSheet);
  }
  finishTableSheet(closedSheet, PUBLIC_CLOSED_COLUMNS.length, closedCount);

  const progressSheet = addTableSheet(workbook, '整改进展', `${meta.title}（整改进展）`, PUBLIC_PROGRESS_COLUMNS, { freezeColumns: 1 });
  let progressCount = 0;
  for await (const page of inSlices(progress)) {
    for (const r of page) {
      const { values, styles } = progressValues(r);
      addDataRow(progressSheet, values, styles);
      progressCount += 1;
    }
    await breathe(out, progressSheet);
  }
  finishTableSheet(progressSheet, PUBLIC_PROGRESS_COLUMNS.length, progressCount);
  addNotesSheet(workbook, [...meta.notes, ['已销号问题', `${closedCount} 个`], ['整改进展', `${progressCount} 个`]]);
  await workbook.commit();
  return { closed: closedCount, progress: progressCount };
}
