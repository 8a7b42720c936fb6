import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { AnalysisRequest, AnalysisResult } from './import-analysis.js';
import type { StoredView } from './stored-problems.js';

/**
 * The stored problems an analysis checks against, loaded when its turn comes: given what the thread already holds
 * (problem id → version), the changes to send it and the user's scope.
 */
export type StoredSource = (held: ReadonlyMap<number, number>) => Promise<StoredView>;

/** The worker runs our TypeScript source like the server does, through tsx (ADR 2): worker-boot.mjs registers it. */
const BOOT_URL = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY_URL = new URL('./import-worker.ts', import.meta.url).href;
/** An analysis that takes longer than this is stopped (a hostile or broken file must not hold a thread forever). */
const TIMEOUT_MS = 120_000;
/** A worker with nothing to do for this long is ended, giving its memory back. */
export const IDLE_MS = 10 * 60_000;
/** Opening the import page again within this time does not read the stored problems again. */
const PREWARM_EVERY_MS = 30_000;

type Reply = { ok: true; result: AnalysisResult | null } | { ok: false; appError?: { code: string; params: Record<string, string | number>; status: number }; message?: string };

interface Job {
  /** null: only bring the thread's copy of the stored problems up to date. */
  req: AnalysisRequest | null;
  source: StoredSource;
  resolve(result: AnalysisResult | null): void;
  reject(error: unknown): void;
}

/**
 * One long-lived analysis thread per process. Booting a thread costs more than reading a 10,000-row ledger (tsx
 * compiles the import core and exceljs loads), so the thread is kept between analyses, ended after IDLE_MS idle, and
 * started ahead of time when a coordinator opens the import page (`prewarmAnalysisWorker`). Analyses run one at a
 * time, in order; a timed-out or crashed thread is ended and the next analysis starts a fresh one. The thread keeps a
 * copy of the stored problems (stored-problems.ts); `held` mirrors which versions it holds, so each analysis sends
 * only what changed since the last one.
 */
class AnalysisThread {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;
  private readonly held = new Map<number, number>();
  private prewarmedAt = 0;

  run(req: AnalysisRequest, source: StoredSource): Promise<AnalysisResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, source, resolve: (result) => resolve(result!), reject });
      this.next();
    });
  }

  /**
   * Start the thread if none runs and bring its copy of the stored problems up to date, so the next analysis waits
   * neither for the boot nor for reading every stored problem. At most once per PREWARM_EVERY_MS, and never while
   * analyses are queued.
   */
  prewarm(source: StoredSource): void {
    if (this.current || this.queue.length || Date.now() - this.prewarmedAt < PREWARM_EVERY_MS) return;
    this.prewarmedAt = Date.now();
    this.queue.push({ req: null, source, resolve: () => undefined, reject: () => undefined });
    this.next();
  }

  /** End the thread; an analysis in hand fails, queued ones wait for a fresh thread. */
  stop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.worker) this.fail(this.worker, new Error('ledger analysis thread stopped'));
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT_URL, { workerData: { entry: ENTRY_URL }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 48 } });
    // An idle thread never keeps the process alive.
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(worker, reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`ledger analysis thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.ensure();
    job.source(this.held).then(
      (stored) => {
        if (worker !== this.worker || this.current !== job) return;
        if (stored.sync.reset) this.held.clear();
        for (const id of stored.sync.remove) this.held.delete(id);
        for (const row of stored.sync.upsert) this.held.set(row.id, row.version);
        this.timer = setTimeout(() => {
          this.fail(worker, new AppError('IMPORT_FILE_UNREADABLE', { fileName: job.req?.fileName ?? '', reason: 'timeout' }, 400));
        }, TIMEOUT_MS);
        worker.postMessage({ req: job.req, stored });
      },
      (error: unknown) => {
        if (this.current !== job) return;
        this.finish().reject(error);
        this.touch();
        this.next();
      },
    );
  }

  private settle(worker: Worker, reply: Reply): void {
    if (worker !== this.worker || !this.current) return;
    const job = this.finish();
    if (reply.ok) job.resolve(reply.result);
    else if (reply.appError) job.reject(new AppError(reply.appError.code as never, reply.appError.params, reply.appError.status));
    else job.reject(new Error(`ledger analysis failed: ${reply.message}`));
    this.touch();
    this.next();
  }

  /** The thread broke, ran out of memory or took too long: end it; the job in hand fails, the queue goes on. */
  private fail(worker: Worker, error: unknown): void {
    if (worker !== this.worker) return;
    this.worker = null;
    // A fresh thread starts with no copy of the stored problems.
    this.held.clear();
    void worker.terminate();
    if (this.current) {
      this.finish().reject(error);
      this.next();
    }
  }

  private finish(): Job {
    const job = this.current!;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return job;
  }

  private touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (!this.current && this.queue.length === 0) this.stop();
    }, IDLE_MS);
    this.idle.unref();
  }
}

const thread = new AnalysisThread();

/**
 * Run `runAnalysis` in the analysis thread, so that parsing and checking a 10,000-row workbook (a second or more of
 * CPU) leaves the event loop free to serve other users meanwhile.
 */
export function analyzeInWorker(req: AnalysisRequest, source: StoredSource): Promise<AnalysisResult> {
  return thread.run(req, source);
}

/** Boot the analysis thread and give it the stored problems ahead of an upload (the import page opening). */
export function prewarmAnalysisWorker(source: StoredSource): void {
  thread.prewarm(source);
}

/** End the analysis thread (server shutdown). */
export function stopAnalysisWorker(): void {
  thread.stop();
}
