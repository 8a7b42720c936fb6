/**
 * Analysis thread entry: runs ledger analyses (read the workbook, detect, check every row) off the main thread, one
 * message at a time, posting each result back. Started by analyze-in-worker.ts and kept between analyses, with its
 * copy of the stored problems (stored-problems.ts) brought up to date by each message.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { runAnalysis, type AnalysisRequest } from './import-analysis.js';
import { StoredProblems, type StoredView } from './stored-problems.js';

const stored = new StoredProblems();

parentPort!.on('message', (message: { req: AnalysisRequest | null; stored: StoredView }) => {
  const run = async () => {
    stored.apply(message.stored.sync);
    if (!message.req) return null;
    const view = stored.view(message.stored.visibleIds);
    return runAnalysis(message.req, view);
  };
  run().then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort!.postMessage(
        error instanceof AppError
          ? { ok: false, appError: { code: error.code, params: error.params, status: error.status } }
          : { ok: false, message: error instanceof Error ? error.message : String(error) },
      ),
  );
});
