import { z } from 'zod';
import { LEDGER_COLUMN_KEYS } from '../../domain/ledger/columns.js';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../domain/problem/vocabulary.js';

/** 导入台账: the API contract of ledger import (upload → check → correct the mapping → commit). */

export const IMPORT_STATUSES = ['analyzed', 'committing', 'committed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const columnMapping = z
  .partialRecord(z.enum(LEDGER_COLUMN_KEYS), z.number().int().min(0).max(500))
  .describe('ledger column key → 0-based column index in the sheet');

export const importOptions = z.strictObject({
  updateExisting: z.boolean().default(true).describe('a row whose 问题编号 matches a stored problem updates it instead of being refused'),
  defaults: z
    .strictObject({
      source: z.enum(PROBLEM_SOURCES).optional(),
      category: z.enum(PROBLEM_CATEGORIES).optional(),
      roundId: z.number().int().positive().nullable().optional(),
      batchId: z.number().int().positive().nullable().optional(),
      isPublic: z.boolean().optional(),
    })
    .default({}),
  unitAliases: z
    .record(z.string().trim().min(1).max(200), z.number().int().positive())
    .default({})
    .describe('unit names as written in the file → the stored unit they mean'),
});
export type ImportOptionsInput = z.infer<typeof importOptions>;

export const updateImportBody = z.strictObject({
  version: z.number().int().positive(),
  sheetIndex: z.number().int().min(0).max(100),
  headerRow: z.number().int().min(0).max(1000),
  firstDataRow: z.number().int().min(1).max(1001),
  mapping: columnMapping,
  options: importOptions,
  saveMapping: z.boolean().default(false).describe('remember this mapping for files with the same header row'),
});
export type UpdateImportInput = z.infer<typeof updateImportBody>;

export const importIssue = z.object({
  row: z.number(),
  column: z.enum(LEDGER_COLUMN_KEYS).nullable(),
  columnLetter: z.string().nullable(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string().describe('what is wrong, in the caller’s language'),
  fix: z.string().describe('how to fix it'),
  suggestions: z.array(z.string()),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe('the values the message names, as written in the file (e.g. `name`: the unit name to give an alias in options.unitAliases)'),
});
export type ImportIssueView = z.infer<typeof importIssue>;

export const importPreviewRow = z.object({
  row: z.number(),
  action: z.enum(['create', 'update']),
  code: z.string().nullable().describe('the code in the file (update: the stored problem’s code)'),
  title: z.string(),
  regionName: z.string(),
  leadUnitName: z.string().nullable(),
  cooperatingUnitNames: z.array(z.string()),
  deadlineKind: z.string(),
  deadline: z.string().nullable(),
  status: z.string(),
});

export const importView = z.object({
  id: z.number(),
  version: z.number(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  createdAt: z.string(),
  createdBy: z.object({ id: z.number(), name: z.string() }),
  sheets: z.array(z.object({ name: z.string(), rows: z.number() })),
  detections: z.array(z.object({ sheetIndex: z.number(), sheetName: z.string(), headerRow: z.number(), firstDataRow: z.number(), score: z.number() })),
  sheetIndex: z.number().nullable(),
  headerRow: z.number().nullable(),
  firstDataRow: z.number().nullable(),
  headers: z.array(z.string()).describe('header text per column of the chosen sheet'),
  sampleRows: z.array(z.array(z.string())).describe('the first data rows as text, to help choose the mapping'),
  mapping: columnMapping,
  savedMappingUsed: z.boolean(),
  options: importOptions,
  summary: z
    .object({ create: z.number(), update: z.number(), skip: z.number(), invalid: z.number(), errors: z.number(), warnings: z.number() })
    .nullable(),
  issues: z.array(importIssue).describe('at most 1,000; the annotated workbook lists them all'),
  issuesTotal: z.number(),
  preview: z.array(importPreviewRow).describe('the first 100 rows that will be written'),
  progress: z.object({ done: z.number(), total: z.number() }).nullable().describe('while committing'),
  result: z.object({ created: z.number(), updated: z.number(), codes: z.array(z.string()).describe('first 20 codes created') }).nullable(),
  error: z.string().nullable(),
});
export type ImportView = z.infer<typeof importView>;

export const importList = z.object({
  items: z.array(importView.pick({ id: true, fileName: true, status: true, createdAt: true, createdBy: true, summary: true, result: true })),
});
