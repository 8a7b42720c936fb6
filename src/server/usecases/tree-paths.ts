import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { AppError } from '../errors.js';

type TreeTable = 'regions' | 'units';

/** The path of a new node: its parent's path followed by its own id. */
export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/**
 * Move a node and its whole subtree under a new parent by rewriting the path prefix in one statement.
 * Refuses a move under itself or one of its descendants.
 */
export async function moveSubtree(tx: Executor, table: TreeTable, oldPath: string, newPath: string): Promise<void> {
  if (newPath.startsWith(oldPath) && newPath !== oldPath) throw new AppError('TREE_CYCLE', {}, 422);
  const t = sql.raw(table);
  await tx.execute(sql`
    UPDATE ${t} SET path = ${newPath} || substr(path, ${oldPath.length + 1}), updated_at = now()
    WHERE path LIKE ${`${oldPath}%`}
  `);
}

/** How many enabled direct-or-deep children a node still has. */
export async function countEnabledDescendants(tx: Executor, table: TreeTable, path: string): Promise<number> {
  const t = sql.raw(table);
  const res = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${t} WHERE path LIKE ${`${path}%`} AND path <> ${path} AND enabled`,
  );
  return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
