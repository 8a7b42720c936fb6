import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { XLSX_MIME } from '../../../shared/api/exports.js';
import { contentDisposition } from '../../evidence/content-disposition.js';
import { ExportCancelled } from '../../ledger/export/format.js';
import type { PreparedWorkbook } from '../../usecases/exports/export-support.js';

/**
 * Answer with a workbook streamed as it is written. Everything that can refuse (permission, cap) has run before this,
 * so the status is 200; a failure while writing can only cut the download short, and is logged.
 */
export function sendWorkbook(reply: FastifyReply, log: FastifyBaseLogger, workbook: PreparedWorkbook, onDone?: () => void) {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    onDone?.();
  };
  out.once('close', done);
  out.once('end', done);
  workbook.write(out).catch((error: unknown) => {
    if (!(error instanceof ExportCancelled)) log.error({ err: error }, 'workbook export failed while streaming');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    done();
  });
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(workbook.fileName, 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('x-export-rows', String(workbook.rows))
    .send(out);
}
