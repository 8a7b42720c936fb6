import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { AnalysisRequest, AnalysisResult } from './import-analysis.js';

/** The worker runs our TypeScript source like the server does, through tsx (ADR 2): worker-boot.mjs registers it. */
const BOOT_URL = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY_URL = new URL('./import-worker.ts', import.meta.url).href;
/** An analysis that takes longer than this is stopped (a hostile or broken file must not hold a thread forever). */
const TIMEOUT_MS = 120_000;

type Reply = { ok: true; result: AnalysisResult } | { ok: false; appError?: { code: string; params: Record<string, string | number>; status: number }; message?: string };

/**
 * Run `runAnalysis` in a worker thread, so that parsing and checking a 10,000-row workbook (a second or more of CPU)
 * leaves the event loop free to serve other users meanwhile.
 */
export function analyzeInWorker(req: AnalysisRequest): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT_URL, {
      workerData: { entry: ENTRY_URL },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new AppError('IMPORT_FILE_UNREADABLE', { fileName: req.fileName, reason: 'timeout' }, 400));
    }, TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (reply: Reply) => {
      finish();
      if (reply.ok) resolve(reply.result);
      else if (reply.appError) reject(new AppError(reply.appError.code as never, reply.appError.params, reply.appError.status));
      else reject(new Error(`ledger analysis failed: ${reply.message}`));
    });
    worker.once('error', (error) => {
      finish();
      reject(error);
    });
    worker.postMessage(req);
  });
}
