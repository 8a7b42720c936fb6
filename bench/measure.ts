import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Latency summary of one pass, in milliseconds; `opsPerSec` is completed operations over the pass's wall time. */
export interface Stats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  opsPerSec: number;
  wallMs: number;
}

export interface PassOptions {
  /** Untimed calls before the timed ones (JIT, plan caches, connection pool). */
  warmup: number;
  /** Timed calls. */
  count: number;
  /** Calls in flight at once; 1 for a sequential pass. */
  concurrency: number;
  /**
   * Time bound: no new call starts once this many ms have passed (warmup: a fifth of it), so slow operations get
   * fewer than `count` calls instead of stretching the run; `count` in the result says how many were made.
   * Undefined or 0: no bound.
   */
  maxMs?: number;
}

const boundOf = (maxMs: number | undefined) => (maxMs && maxMs > 0 ? maxMs : Number.POSITIVE_INFINITY);

/** Untimed calls, at most `warmup` of them and at least one, within a fifth of the time bound. */
async function warmUp(fns: readonly ((i: number) => Promise<unknown>)[], warmup: number, maxMs: number | undefined): Promise<void> {
  const until = performance.now() + boundOf(maxMs) / 5;
  for (let i = 0; i < warmup && (i === 0 || performance.now() < until); i++) for (const fn of fns) await fn(i);
}

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(durationsMs: readonly number[], wallMs: number): Stats {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    opsPerSec: wallMs > 0 ? (sorted.length / wallMs) * 1000 : Number.NaN,
    wallMs,
  };
}

/**
 * Call `fn(i)` `warmup` times untimed, then `count` times timed with at most `concurrency` calls in flight (fewer
 * when the time bound is reached). Each call's latency is measured from its own start, so under concurrency it
 * includes queueing behind the others.
 */
export async function runPass(fn: (i: number) => Promise<unknown>, options: PassOptions): Promise<Stats> {
  const { warmup, count, concurrency } = options;
  await warmUp([fn], warmup, options.maxMs);

  const durations: number[] = [];
  let next = 0;
  const start = performance.now();
  const until = start + boundOf(options.maxMs);
  const worker = async () => {
    while (next < count && (next === 0 || performance.now() < until)) {
      const i = next++;
      const t = performance.now();
      await fn(warmup + i);
      durations.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return summarize(durations, performance.now() - start);
}

/**
 * Sequential pass over two variants of the same operation, interleaved call by call (A B, B A, A B, …) so that both
 * see the same machine state (JIT, GC, caches, connections) and their ratio is not skewed by drift between two
 * separate passes. `opsPerSec` of each is 1000 ÷ its mean latency (the wall time is shared).
 */
export async function runPairedPass(
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  options: Omit<PassOptions, 'concurrency'>,
): Promise<[Stats, Stats]> {
  const { warmup, count } = options;
  // Both variants share the pass, so they share twice the time bound.
  const maxMs = options.maxMs && options.maxMs > 0 ? options.maxMs * 2 : undefined;
  await warmUp([a, b], warmup, maxMs);
  const da: number[] = [];
  const db: number[] = [];
  const timed = async (fn: (i: number) => Promise<unknown>, i: number) => {
    const start = performance.now();
    await fn(warmup + i);
    return performance.now() - start;
  };
  const until = performance.now() + boundOf(maxMs);
  for (let i = 0; i < count && (i === 0 || performance.now() < until); i++) {
    if (i % 2 === 0) {
      da.push(await timed(a, i));
      db.push(await timed(b, i));
    } else {
      db.push(await timed(b, i));
      da.push(await timed(a, i));
    }
  }
  const sum = (d: number[]) => d.reduce((x, y) => x + y, 0);
  return [summarize(da, sum(da)), summarize(db, sum(db))];
}

export const fmtMs = (ms: number) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) : '-');
export const fmtRate = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '-');
export const fmtRatio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '-');

/** A plain-text table with right-aligned columns except the first `leftColumns`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * How busy the rest of the machine was: CPU time used by processes other than this one (and, when `excludeComm`
 * names them, e.g. the PostgreSQL server we are measuring), in average cores, between start() and the returned
 * stop(). Linux only (/proc); undefined elsewhere. A benchmark on a shared machine is only as good as this number
 * is close to 0.
 */
export function otherCpuMonitor(excludeComm: readonly string[] = []): () => number | undefined {
  const TICK_MS = 10; // USER_HZ is 100 on Linux
  const machineBusyMs = (): number | undefined => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      // user nice system idle iowait irq softirq steal …: busy = everything but idle and iowait (guest is inside user)
      const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
      return (total - fields[3]! - fields[4]!) * TICK_MS;
    } catch {
      return undefined;
    }
  };
  const excludedMs = (): number => {
    if (excludeComm.length === 0) return 0;
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!excludeComm.includes(comm)) continue;
        // after "(comm) ": state ppid … utime(14) stime(15) cutime(16) cstime(17); cutime covers exited children
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
      } catch {
        // the process ended meanwhile
      }
    }
    return ticks * TICK_MS;
  };
  const ownMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const start = { machine: machineBusyMs(), excluded: excludedMs(), own: ownMs(), at: performance.now() };
  return () => {
    const machine = machineBusyMs();
    if (machine === undefined || start.machine === undefined) return undefined;
    const other = machine - start.machine - (excludedMs() - start.excluded) - (ownMs() - start.own);
    return Math.max(0, other) / (performance.now() - start.at);
  };
}

/** The longest the event loop was held (ms) between start and the call of the returned function. */
export function eventLoopStallMonitor(): () => number {
  let maxDelay = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxDelay = Math.max(maxDelay, now - last - 10);
    last = now;
  }, 10);
  return () => {
    clearInterval(ticker);
    return maxDelay;
  };
}
