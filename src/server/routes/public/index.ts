import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/api/common.js';
import { disclosureFileQuery, disclosureQuery, disclosureResponse, xlsxResponse } from '../../../shared/api/exports.js';
import { AppError } from '../../errors.js';
import { exportDisclosure } from '../../usecases/exports/export-disclosure.js';
import { listDisclosure } from '../../usecases/exports/list-disclosure.js';
import type { RouteContext } from '../context.js';
import { sendWorkbook } from '../exports/send-workbook.js';

const errors = { 400: errorBody, 422: errorBody, 429: errorBody };
/** Public workbooks built at the same time by this instance; more are answered 429 (anyone may ask, nobody may flood). */
const MAX_CONCURRENT_PUBLIC_WORKBOOKS = 2;

/**
 * Public disclosure (对外公开), no sign-in: only problems marked public, only the fields of the disclosure policy
 * (src/domain/ledger/disclosure.ts). Paged at most 100 a page.
 */
export function publicRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  let building = 0;

  api.get(
    '/public/disclosure',
    {
      config: { auth: false },
      schema: {
        tags: ['public'],
        summary: '对外公开 — closed problems (已销号) or the progress of public problems, public fields only, no sign-in',
        security: [],
        querystring: disclosureQuery,
        response: { 200: disclosureResponse, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return listDisclosure(database.db, services, request.query);
    },
  );

  api.get(
    '/public/disclosure.xlsx',
    {
      config: { auth: false },
      schema: {
        tags: ['public'],
        summary: '对外公开 as a workbook: sheets 已销号问题 and 整改进展, public fields only, no sign-in',
        security: [],
        querystring: disclosureFileQuery,
        response: { 200: xlsxResponse, ...errors },
      },
    },
    async (request, reply) => {
      if (building >= MAX_CONCURRENT_PUBLIC_WORKBOOKS) throw new AppError('RATE_LIMITED');
      building += 1;
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          building -= 1;
        }
      };
      try {
        const workbook = await exportDisclosure(database.db, services, request.query);
        return sendWorkbook(reply, request.log, workbook, release);
      } catch (error) {
        release();
        throw error;
      }
    },
  );
}
