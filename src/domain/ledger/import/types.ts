import type { DeadlineKind, FlagLevel, ProblemCategory, ProblemSource } from '../../problem/vocabulary.js';
import type { LedgerColumnKey } from '../columns.js';

/**
 * The contract of ledger import (导入台账). The server reads a workbook into `SheetGrid`s (merged ranges filled),
 * the pure functions of this folder find the header, map the columns and check every row against `ImportReferences`
 * (what is stored and what the importing user may use); the server then writes the rows in one transaction.
 */

/** A cell as read: text, a number (Excel dates arrive as Date when the cell is date-formatted, else as a serial). */
export type Cell = string | number | boolean | Date | null;

export interface SheetGrid {
  name: string;
  /** rows[r][c], 0-based; row r is Excel row r + 1. Merged ranges are filled with the master cell's value. */
  rows: Cell[][];
  /** The sheet is hidden in the workbook (still read; detection prefers visible sheets). Added by the import core. */
  hidden?: boolean;
}

/** Ledger key → 0-based column index. */
export type ColumnMapping = Partial<Record<LedgerColumnKey, number>>;

export interface HeaderDetection {
  sheetIndex: number;
  sheetName: string;
  /** 0-based index of the first header row (a title row above it is skipped). */
  headerRow: number;
  /** 1 or 2: two-row headers (merged group over sub-headers such as 责任单位 / 牵头 配合) are joined. */
  headerRowCount: number;
  /** 0-based index of the first data row. */
  firstDataRow: number;
  /** Header text per column index as shown to the user (joined for two-row headers); '' for empty. */
  headers: string[];
  mapping: ColumnMapping;
  /** Column indexes that carry a header ducha did not recognise (shown so the user can map them by hand). */
  unmapped: number[];
  /** How sure the detection is: the number of recognised columns. */
  score: number;
}

export interface ImportReferences {
  /** YYYY-MM-DD, China time; used to judge dates and to resolve "年底前"-style deadlines without a year. */
  today: string;
  /** The region used when a row names none (the importing coordinator's county). */
  defaultRegionId: number;
  regions: readonly { id: number; code: string; name: string; path: string }[];
  /** Enabled units the importing user may use (non-enterprise and enterprise). */
  units: readonly { id: number; name: string; shortName: string | null; kind: string }[];
  /** Users holding the leader role. */
  leaders: readonly { id: number; displayName: string }[];
  rounds: readonly { id: number; name: string }[];
  batches: readonly { id: number; roundId: number; number: number; name: string }[];
  /** Problems already stored in the user's scope, for duplicates and update-by-code. */
  existing: readonly { id: number; code: string; title?: string; description: string; address: string | null; status: string }[];
}

export interface ImportOptions {
  /** A row whose 问题编号 matches a stored problem updates it (true) or is reported as a duplicate (false). */
  updateExisting: boolean;
  /** Values used when the column is absent or the cell empty. */
  defaults: {
    source?: ProblemSource;
    category?: ProblemCategory;
    roundId?: number | null;
    batchId?: number | null;
    isPublic?: boolean;
  };
}

/** The status a ledger row may carry into ducha: it starts the loop there (see docs, import). */
export type ImportedStatus = 'registered' | 'rectifying' | 'closed';

/** One row turned into problem fields. Ids are resolved against ImportReferences. */
export interface ImportedProblem {
  code: string | null;
  source: ProblemSource;
  roundId: number | null;
  batchId: number | null;
  category: ProblemCategory;
  title: string;
  description: string;
  regionId: number;
  address: string | null;
  lng: number | null;
  lat: number | null;
  enterpriseName: string | null;
  enterpriseUscc: string | null;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
  leaderUserId: number | null;
  responsiblePerson: string | null;
  responsiblePhone: string | null;
  goal: string | null;
  measures: string | null;
  closingCriteria: string[];
  deadlineKind: DeadlineKind;
  deadline: string | null;
  flagged: boolean;
  flagLevel: FlagLevel | null;
  isPublic: boolean;
  latestProgress: string | null;
  status: ImportedStatus;
  closedOn: string | null;
  remarks: string | null;
}

export type IssueSeverity = 'error' | 'warning';

export interface RowIssue {
  /** Excel row number (1-based) as the user sees it in the file. */
  row: number;
  /** The ledger column, or null for the whole row. */
  column: LedgerColumnKey | null;
  /** Excel column letters ("F") of that column in the file, when it is mapped. */
  columnLetter: string | null;
  /** Stable code; message and fix hint are `import.<code>` and `import.<code>.fix` in src/shared/i18n/import.ts. */
  code: string;
  params: Record<string, string | number>;
  severity: IssueSeverity;
  /** Candidate values for near misses (unit names, region names), best first. */
  suggestions?: string[];
}

export interface ParsedRow {
  /** Excel row number (1-based). */
  row: number;
  /** create: a new problem; update: the stored problem `existingId`; skip: an empty, summary or note row. */
  action: 'create' | 'update' | 'skip';
  existingId: number | null;
  /** null when the row has errors (or is skipped). */
  problem: ImportedProblem | null;
  issues: RowIssue[];
}

export interface ImportAnalysis {
  rows: ParsedRow[];
  summary: { create: number; update: number; skip: number; invalid: number; errors: number; warnings: number };
}
