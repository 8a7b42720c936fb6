import type { ImportedProblem } from '../../../domain/ledger/import/types.js';

/** The problem columns a ledger row sets (registration data; never the loop's own records). */
export function ledgerColumns(p: ImportedProblem) {
  return {
    source: p.source,
    roundId: p.roundId,
    batchId: p.batchId,
    category: p.category,
    title: p.title,
    description: p.description,
    regionId: p.regionId,
    address: p.address,
    lng: p.lng === null ? null : String(p.lng),
    lat: p.lat === null ? null : String(p.lat),
    enterpriseName: p.enterpriseName,
    enterpriseUscc: p.enterpriseUscc,
    leadUnitId: p.leadUnitId,
    leaderUserId: p.leaderUserId,
    responsiblePerson: p.responsiblePerson,
    responsiblePhone: p.responsiblePhone,
    goal: p.goal,
    measures: p.measures,
    closingCriteria: p.closingCriteria,
    deadlineKind: p.deadlineKind,
    deadline: p.deadlineKind === 'date' ? p.deadline : null,
    flagged: p.flagged,
    flagLevel: p.flagged ? p.flagLevel : null,
    isPublic: p.isPublic,
    remarks: p.remarks,
  };
}

type Columns = ReturnType<typeof ledgerColumns>;

/** Stored values compared as the import would write them (numbers as numbers, empty as null). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** The ledger columns (and units) in which a row differs from the stored problem; empty when the row changes nothing. */
export function changedColumns(
  row: ImportedProblem,
  stored: Record<string, unknown> & { cooperatingUnitIds: number[]; latestProgress: string | null },
): string[] {
  const columns = ledgerColumns(row);
  const changed = (Object.keys(columns) as (keyof Columns)[]).filter((k) => !same(columns[k], stored[k]));
  const coop = (ids: number[]) => [...new Set(ids)].filter((id) => id !== row.leadUnitId).sort((a, b) => a - b);
  if (JSON.stringify(coop(row.cooperatingUnitIds)) !== JSON.stringify(coop(stored.cooperatingUnitIds))) changed.push('cooperatingUnitIds' as keyof Columns);
  if (row.latestProgress && row.latestProgress !== stored.latestProgress) changed.push('latestProgress' as keyof Columns);
  return changed;
}
