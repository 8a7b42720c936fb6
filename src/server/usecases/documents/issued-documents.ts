import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access.js';
import type { IssuedDocument } from '../../../shared/api/documents.js';
import { problemScopeSql, requirePermission, unitScopeSql } from '../../access/access.js';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { getUnitInScope } from '../list-units.js';
import type { IssuedNotice } from './notice-support.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

interface Row {
  id: number;
  kind: IssuedDocument['kind'];
  document_number: string;
  problem_id: number | null;
  problem_code: string | null;
  unit_id: number | null;
  unit_name: string | null;
  issued_at: Date | string;
  issued_by: number;
  issued_by_name: string;
  reply_by: string;
  file_name: string;
  size: number;
  sha256: string;
  problem_ids: number[];
}

const columns = sql`
  d.id, d.kind, d.document_number, d.problem_id, p.code AS problem_code, d.unit_id, u.name AS unit_name, d.issued_at,
  d.issued_by, d.issued_by_name, d.reply_by, d.file_name, d.size, d.sha256, d.problem_ids
  FROM issued_documents d LEFT JOIN problems p ON p.id = d.problem_id LEFT JOIN units u ON u.id = d.unit_id`;

const present = (r: Row): IssuedDocument => ({
  id: Number(r.id),
  kind: r.kind,
  documentNumber: r.document_number,
  problemId: r.problem_id === null ? null : Number(r.problem_id),
  problemCode: r.problem_code,
  unitId: r.unit_id === null ? null : Number(r.unit_id),
  unitName: r.unit_name,
  issuedAt: new Date(r.issued_at).toISOString(),
  issuedBy: { id: Number(r.issued_by), name: r.issued_by_name },
  replyBy: r.reply_by,
  fileName: r.file_name,
  size: Number(r.size),
  sha256: r.sha256,
  problemCount: r.problem_ids.length,
});

/**
 * Whether the actor may see an issued document: a problem's notice by whoever may see the problem, a unit's notice by
 * whoever has the unit in scope (its own people and those above it, the region's coordinators and leaders).
 */
function visibleSql(actor: Actor): SQL {
  return sql`(
    (d.problem_id IS NOT NULL AND EXISTS (SELECT 1 FROM problems sp WHERE sp.id = d.problem_id AND ${problemScopeSql(actor, 'sp')}))
    OR (d.unit_id IS NOT NULL AND EXISTS (SELECT 1 FROM units su WHERE su.id = d.unit_id AND ${unitScopeSql(actor, 'su')})))`;
}

/** The supervision notices issued about one problem, newest first. NOT_FOUND when the problem is outside the scope. */
export async function listProblemNotices(ex: Executor, actor: Actor, problemId: number): Promise<IssuedDocument[]> {
  requirePermission(actor, 'problem.read');
  const [visible] = rowsOf<{ id: number }>(await ex.execute(sql`SELECT p.id FROM problems p WHERE p.id = ${problemId} AND ${problemScopeSql(actor, 'p')}`));
  if (!visible) throw notFound();
  const rows = rowsOf<Row>(await ex.execute(sql`SELECT ${columns} WHERE d.problem_id = ${problemId} ORDER BY d.id DESC`));
  return rows.map(present);
}

/** The supervision notices issued to one unit, newest first. NOT_FOUND when the unit is outside the scope. */
export async function listUnitNotices(ex: Executor, actor: Actor, unitId: number): Promise<IssuedDocument[]> {
  requirePermission(actor, 'problem.read');
  await getUnitInScope(ex, actor, unitId);
  const rows = rowsOf<Row>(await ex.execute(sql`SELECT ${columns} WHERE d.unit_id = ${unitId} ORDER BY d.id DESC`));
  return rows.map(present);
}

/**
 * An issued notice to download again: the very bytes and number that were issued (nothing is rebuilt, no number is
 * taken), with its record. NOT_FOUND when it does not exist or the actor may not see its problem or unit.
 */
export async function openIssuedDocument(ex: Executor, actor: Actor, id: number): Promise<{ file: IssuedNotice; record: IssuedDocument }> {
  requirePermission(actor, 'problem.read');
  const [doc] = rowsOf<Row & { content: Buffer | Uint8Array }>(await ex.execute(sql`SELECT d.content, ${columns} WHERE d.id = ${id} AND ${visibleSql(actor)}`));
  if (!doc) throw notFound();
  const buffer = Buffer.isBuffer(doc.content) ? doc.content : Buffer.from(doc.content);
  return { file: { buffer, fileName: doc.file_name, documentNumber: doc.document_number, documentId: Number(doc.id) }, record: present(doc) };
}
