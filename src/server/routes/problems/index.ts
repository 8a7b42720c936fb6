import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../../domain/access.js';
import { errorBody, idParam } from '../../../shared/api/common.js';
import {
  actionBodies,
  createProblemBody,
  listProblemsQuery,
  listProblemsResponse,
  problemDetail,
  updateProblemBody,
  type ActionBodies,
} from '../../../shared/api/problems.js';
import { requirePermission } from '../../access/access.js';
import { acknowledgeProblem } from '../../usecases/problems/acknowledge-problem.js';
import { archiveProblem } from '../../usecases/problems/archive-problem.js';
import { assignProblem } from '../../usecases/problems/assign-problem.js';
import { decideExtension } from '../../usecases/problems/decide-extension.js';
import { decideObjection } from '../../usecases/problems/decide-objection.js';
import { endNotice } from '../../usecases/problems/end-notice.js';
import { fileProblem } from '../../usecases/problems/file-problem.js';
import { getProblem } from '../../usecases/problems/get-problem.js';
import { listProblems } from '../../usecases/problems/list-problems.js';
import { markPhaseDone } from '../../usecases/problems/mark-phase-done.js';
import { recordObjection } from '../../usecases/problems/record-objection.js';
import { recordVerification } from '../../usecases/problems/record-verification.js';
import { reopenProblem } from '../../usecases/problems/reopen-problem.js';
import { reportProgress } from '../../usecases/problems/report-progress.js';
import { requestExtension } from '../../usecases/problems/request-extension.js';
import { returnReport } from '../../usecases/problems/return-report.js';
import type { ActionContext } from '../../usecases/problems/run-action.js';
import { createProblem, updateProblem } from '../../usecases/problems/save-problem.js';
import { startVerification } from '../../usecases/problems/start-verification.js';
import { submitSelfCheck } from '../../usecases/problems/submit-self-check.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

type Handler<K extends keyof ActionBodies> = (ctx: ActionContext, actor: Actor, id: number, body: ActionBodies[K]) => Promise<unknown>;
const handlers: { [K in keyof ActionBodies]: Handler<K> } = {
  assign: assignProblem,
  acknowledge: acknowledgeProblem,
  report_progress: reportProgress,
  return_report: returnReport,
  request_extension: requestExtension,
  decide_extension: decideExtension,
  submit_self_check: submitSelfCheck,
  start_verification: startVerification,
  record_verification: recordVerification,
  record_objection: recordObjection,
  decide_objection: decideObjection,
  end_notice: (ctx, actor, id) => endNotice(ctx, actor, id),
  archive: (ctx, actor, id) => archiveProblem(ctx, actor, id),
  file: fileProblem,
  mark_phase_done: markPhaseDone,
  reopen: reopenProblem,
};

const summaries: Record<keyof ActionBodies, string> = {
  assign: '交办 — hand the problem to its units (coordinator)',
  acknowledge: '签收 — the lead unit acknowledges',
  report_progress: '进展报送 — report progress with milestones and evidence',
  return_report: '退回 — the coordinator returns a progress report with a reason',
  request_extension: '申请延期 — the lead unit asks for a later deadline',
  decide_extension: '审批延期 — the coordinator approves or refuses',
  submit_self_check: '自查 — self-check against each closing criterion, signed by the unit head',
  start_verification: '指派核查 — assign an independent verifier',
  record_verification: '核查 — record the on-site verification (pass → 公示, fail → 整改中)',
  record_objection: '登记异议 — record an objection during public notice',
  decide_objection: '处理异议 — uphold (back to 核查) or dismiss',
  end_notice: '结束公示 — end the notice once its time is up (also done by the timed job)',
  archive: '归档 — freeze the file with a manifest of every file and its hash',
  file: '备案 — file with number and date: 已销号',
  mark_phase_done: '阶段性完成 — for 长期坚持 problems, per period',
  reopen: '重新整改 — reopen a closed problem after a rebound',
};

export function problemRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ctx: ActionContext = { database, services };

  api.get(
    '/problems',
    { schema: { tags: ['problems'], summary: '问题清单 — the ledger you may see: filtered, sorted, paged, with warning counts', querystring: listProblemsQuery, response: { 200: listProblemsResponse, ...errors } } },
    async (request) => listProblems(database.db, requirePermission(request.actor, 'problem.read'), request.query),
  );
  api.post(
    '/problems',
    { schema: { tags: ['problems'], summary: '登记 — register a problem (coordinator)', body: createProblemBody, response: { 201: problemDetail, ...errors } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'problem.register');
      const created = await createProblem(ctx, actor, request.body);
      return reply.code(201).send(await getProblem(database.db, services, actor, created.id));
    },
  );
  api.get(
    '/problems/:id',
    { schema: { tags: ['problems'], summary: '问题详情 — everything, with the actions allowed to you now', params: idParam, response: { 200: problemDetail, ...errors } } },
    async (request) => getProblem(database.db, services, requirePermission(request.actor, 'problem.read'), request.params.id),
  );
  api.patch(
    '/problems/:id',
    { schema: { tags: ['problems'], summary: '修改 — edit (coordinator, before the closing steps)', params: idParam, body: updateProblemBody, response: { 200: problemDetail, ...errors } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'problem.read');
      await updateProblem(ctx, actor, request.params.id, request.body);
      return getProblem(database.db, services, actor, request.params.id);
    },
  );
  for (const action of Object.keys(actionBodies) as (keyof ActionBodies)[]) {
    api.post(
      `/problems/:id/${action.replace(/_/g, '-')}`,
      {
        schema: {
          tags: ['problem actions'],
          summary: summaries[action],
          params: idParam,
          body: actionBodies[action],
          response: { 200: problemDetail, ...errors },
        },
      },
      async (request) => {
        const actor = requirePermission(request.actor, 'problem.read');
        await (handlers[action] as Handler<typeof action>)(ctx, actor, request.params.id, request.body as ActionBodies[typeof action]);
        return getProblem(database.db, services, actor, request.params.id);
      },
    );
  }
}
