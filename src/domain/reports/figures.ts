/**
 * The arithmetic of the 调度通报's figures: changes against the previous period (环比), shares, and progress against
 * the plans' yearly targets (按序时). Pure; the counting itself is done in SQL by the bulletin use case.
 */

export interface Change {
  current: number;
  previous: number;
  /** current − previous */
  delta: number;
}

export function change(current: number, previous: number): Change {
  return { current, previous, delta: current - previous };
}

/** "增加3个" / "减少2个" / "持平" — how a bulletin states a change in a count of problems. */
export function changeText(c: Pick<Change, 'delta'>, unit = '个'): string {
  if (c.delta > 0) return `增加${c.delta}${unit}`;
  if (c.delta < 0) return `减少${-c.delta}${unit}`;
  return '持平';
}

/**
 * A share as a percentage with one decimal ("66.7%"), "100%" and "0%" without decimals; "—" when the whole is 0.
 * Rounds half up on the exact fraction, so 2/3 → 66.7% and 1/8 → 12.5%.
 */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.round((part * 1000) / whole);
  if (tenths % 10 === 0) return `${tenths / 10}%`;
  return `${(tenths / 10).toFixed(1)}%`;
}

/** Rate part ÷ whole (0..1), or null when the whole is 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface PlanNode {
  id: number;
  parentId: number | null;
  name: string;
  /** yearly targets, e.g. { "2026": 6 } */
  yearlyTargets: Record<string, number>;
}

export interface PlanProgress {
  planId: number;
  name: string;
  /** depth in the plan tree, 0 for a plan without a parent (or whose parent is unknown) */
  depth: number;
  target: number;
  /** problems of the plan and of the plans below it closed in the year up to the period's end */
  closed: number;
  /** closed ÷ target, or null when the target is 0 */
  rate: number | null;
}

/**
 * Progress of each plan that has a target for `year`: the problems closed in that year, counting those of its
 * sub-plans too (a 总体方案's target covers its 任务清单). `closedByPlan` holds the direct counts per plan id. Plans
 * come out in tree order (parent before children, siblings by id). A cycle in parent ids is cut where it closes.
 */
export function planProgress(plans: readonly PlanNode[], closedByPlan: ReadonlyMap<number, number>, year: number): PlanProgress[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const children = new Map<number | null, PlanNode[]>();
  for (const p of plans) {
    const parent = p.parentId !== null && byId.has(p.parentId) && p.parentId !== p.id ? p.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(p);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.id - b.id);
  const out: PlanProgress[] = [];
  const visiting = new Set<number>();
  const walk = (p: PlanNode, depth: number): number => {
    if (visiting.has(p.id)) return 0;
    visiting.add(p.id);
    const slot = out.length;
    const target = Number(p.yearlyTargets[String(year)] ?? 0);
    const hasTarget = Number.isFinite(target) && target > 0;
    if (hasTarget) out.push({ planId: p.id, name: p.name, depth, target, closed: 0, rate: null });
    let closed = closedByPlan.get(p.id) ?? 0;
    for (const c of children.get(p.id) ?? []) closed += walk(c, hasTarget ? depth + 1 : depth);
    if (hasTarget) {
      const row = out[slot]!;
      row.closed = closed;
      row.rate = rate(closed, target);
    }
    return closed;
  };
  for (const root of children.get(null) ?? []) walk(root, 0);
  // Plans only reachable through a cycle have no root; show them as roots.
  for (const p of plans) if (!visiting.has(p.id)) walk(p, 0);
  return out;
}

/** The yearly target of all plans together: the sum over the top-level rows (sub-plans are inside their parents). */
export function totalTarget(progress: readonly PlanProgress[]): number {
  return progress.filter((p) => p.depth === 0).reduce((sum, p) => sum + p.target, 0);
}
