import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/api/common.js';
import { batch, createBatchBody, createPlanBody, createRoundBody, plan, round } from '../../../shared/api/rounds.js';
import { requirePermission } from '../../access/access.js';
import { createBatch, createPlan, createRound, listPlans, listRounds } from '../../usecases/rounds-and-plans.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function roundRoutes(app: FastifyInstance, { database }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/rounds', { schema: { tags: ['rounds and plans'], summary: '督察轮次与批次', response: { 200: z.object({ items: z.array(round) }), ...errors } } }, async (request) => {
    requirePermission(request.actor, 'problem.read');
    return { items: await listRounds(database.db) };
  });
  api.post('/rounds', { schema: { tags: ['rounds and plans'], summary: 'Create an inspection round', body: createRoundBody, response: { 201: round, ...errors } } }, async (request, reply) => {
    const actor = requirePermission(request.actor, 'problem.register');
    const row = await createRound(database, actor, request.body);
    return reply.code(201).send({ ...row, kind: row.kind as never, batches: [], problems: 0 });
  });
  api.post(
    '/rounds/:id/batches',
    { schema: { tags: ['rounds and plans'], summary: 'Add a numbered batch (第N批) to a round', params: idParam, body: createBatchBody, response: { 201: batch, ...errors } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'problem.register');
      const row = await createBatch(database, actor, request.params.id, request.body);
      return reply.code(201).send({ id: row.id, roundId: row.roundId, number: row.number, name: row.name, receivedOn: row.receivedOn });
    },
  );
  api.get('/plans', { schema: { tags: ['rounds and plans'], summary: '整改方案与任务清单，含年度目标与完成数', response: { 200: z.object({ items: z.array(plan) }), ...errors } } }, async (request) => {
    requirePermission(request.actor, 'problem.read');
    return { items: await listPlans(database.db) };
  });
  api.post('/plans', { schema: { tags: ['rounds and plans'], summary: 'Create a plan or task list', body: createPlanBody, response: { 201: plan, ...errors } } }, async (request, reply) => {
    const actor = requirePermission(request.actor, 'problem.register');
    const row = await createPlan(database, actor, request.body);
    return reply.code(201).send({ ...row, kind: row.kind as never, yearlyTargets: row.yearlyTargets as Record<string, number>, problems: 0, closedByYear: {} });
  });
}
