/**
 * Worker thread entry: runs one ledger analysis (read the workbook, detect, check every row) off the main thread and
 * posts the result back. Started by analyze-in-worker.ts; one worker per analysis, ended after it answers.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { runAnalysis, type AnalysisRequest } from './import-analysis.js';

parentPort!.once('message', (req: AnalysisRequest) => {
  runAnalysis(req).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort!.postMessage(
        error instanceof AppError
          ? { ok: false, appError: { code: error.code, params: error.params, status: error.status } }
          : { ok: false, message: error instanceof Error ? error.message : String(error) },
      ),
  );
});
