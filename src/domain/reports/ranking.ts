/**
 * 按期完成率排名: the ranking of lead units by on-time completion in the 调度通报 (domain.md §6 月度排名).
 *
 * Definitions, for a period [from, to] and the day the bulletin is made (today). For each problem:
 *  - D, its deadline in force (整改时限, after approved extensions); problems without one (长期坚持, or 立行立改 not
 *    yet assigned) never count.
 *  - C, its completion date: the day the rectification was claimed (rectified_on: the unit head's self-check), or
 *    the day it was closed (closed_on) when no such day is kept. A failed verification or a rebound clears both, so
 *    a problem sent back counts as not completed.
 *  - on time: D ≤ to and C ≤ D (completed on or before its deadline; then also before the period's end).
 *  - late: D ≤ to, D < today, and C is missing or C > D (its deadline passed without completion).
 *  - A problem with D ≤ to that is neither (its deadline is today or later and it is not completed yet) is still
 *    undecided and does not count: a "this month" bulletin does not blame a unit for a deadline not yet reached.
 *  For a period in the past (to < today) every problem with D ≤ to is decided, and the rate is simply
 *  completed-by-the-deadline ÷ due-by-the-period's-end. It is cumulative: deadlines before the period count too.
 *
 * Per lead unit: due = on time + late; rate = on time ÷ due (null when due = 0). Order: rate high to low (units
 * without a rate last), then more problems due first, then fewer late, then the unit's name, then its id. Rank is
 * the competition rank ("1, 2, 2, 4") by rate alone: equal rates share a rank; units without a rate get none.
 */

export interface OnTimeInput {
  /** deadline in force, 'YYYY-MM-DD', or null */
  deadline: string | null;
  rectifiedOn: string | null;
  closedOn: string | null;
}

export type OnTimeVerdict = 'on_time' | 'late' | 'undecided' | 'not_due';

/** The completion date C of the header. */
export function completionDate(p: Pick<OnTimeInput, 'rectifiedOn' | 'closedOn'>): string | null {
  return p.rectifiedOn ?? p.closedOn;
}

/** How one problem counts in the ranking of the period ending `to`, as of `today` (see the header). */
export function onTimeVerdict(p: OnTimeInput, to: string, today: string): OnTimeVerdict {
  if (p.deadline === null || p.deadline > to) return 'not_due';
  const done = completionDate(p);
  if (done !== null && done <= p.deadline) return 'on_time';
  if (p.deadline < today) return 'late';
  return 'undecided';
}

export interface UnitOnTimeFigures {
  unitId: number;
  unitName: string;
  onTime: number;
  late: number;
}

export interface RankedUnit extends UnitOnTimeFigures {
  due: number;
  /** onTime ÷ due, 0..1, or null when nothing was due */
  rate: number | null;
  /** competition rank by rate, from 1; null without a rate */
  rank: number | null;
}

/** Compare two rates onTime/due exactly (no floating point): negative when a's rate is higher. */
function compareRates(a: RankedUnit, b: RankedUnit): number {
  if (a.due === 0 || b.due === 0) return (a.due === 0 ? 1 : 0) - (b.due === 0 ? 1 : 0);
  return b.onTime * a.due - a.onTime * b.due;
}

const collator = new Intl.Collator('zh-CN');

/** Rank the units (see the header). Input order does not matter; the result is a new array. */
export function rankUnits(units: readonly UnitOnTimeFigures[]): RankedUnit[] {
  for (const u of units) {
    if (!Number.isSafeInteger(u.onTime) || u.onTime < 0 || !Number.isSafeInteger(u.late) || u.late < 0)
      throw new RangeError(`Counts of unit ${u.unitId} must be non-negative integers`);
  }
  const rows: RankedUnit[] = units.map((u) => {
    const due = u.onTime + u.late;
    return { ...u, due, rate: due === 0 ? null : u.onTime / due, rank: null };
  });
  rows.sort((a, b) => compareRates(a, b) || b.due - a.due || a.late - b.late || collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId);
  let rank = 0;
  rows.forEach((row, i) => {
    if (row.due === 0) return;
    if (i === 0 || compareRates(rows[i - 1]!, row) !== 0) rank = i + 1;
    row.rank = rank;
  });
  return rows;
}
