import type { Actor } from '../../../domain/access.js';
import { requirePermission } from '../../access/access.js';
import { AppError } from '../../errors.js';

/** Look-back campaigns are the coordinator's (督察办) work: drawing, assigning and overseeing them. */
export function requireCoordinator(actor: Actor | null): Actor {
  const a = requirePermission(actor, 'problem.read');
  if (!a.roles.includes('coordinator')) throw new AppError('FORBIDDEN');
  return a;
}

export const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
export const iso = (v: Date | string | null | undefined): string | null => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());
