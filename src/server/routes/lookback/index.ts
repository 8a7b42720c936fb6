import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/api/common.js';
import {
  assignCheckersBody,
  campaignDetail,
  createCampaignBody,
  listCampaignsQuery,
  listCampaignsResponse,
  lookbackCheck,
  recordCheckBody,
} from '../../../shared/api/lookback.js';
import { requirePermission } from '../../access/access.js';
import { assignCheckers } from '../../usecases/lookback/assign-checkers.js';
import { createCampaign } from '../../usecases/lookback/create-campaign.js';
import { getCampaign, getCheck, listCampaigns } from '../../usecases/lookback/list-campaigns.js';
import { recordCheck } from '../../usecases/lookback/record-check.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const tags = ['look-back'];

/** 回头看: campaigns (coordinator), checker assignment (coordinator), results (assigned checker or coordinator). */
export function lookbackRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ctx = { database, services };

  api.get(
    '/lookback/campaigns',
    { schema: { tags, summary: '回头看批次 — campaigns with their counts (coordinator)', querystring: listCampaignsQuery, response: { 200: listCampaignsResponse, ...errors } } },
    async (request) => listCampaigns(database.db, requirePermission(request.actor, 'problem.read'), request.query),
  );
  api.post(
    '/lookback/campaigns',
    {
      schema: {
        tags,
        summary: '发起回头看 — draw closed problems in your scope: all, or a reproducible sample stratified by lead unit (coordinator)',
        body: createCampaignBody,
        response: { 201: campaignDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'problem.read');
      const { id } = await createCampaign(ctx, actor, request.body);
      return reply.code(201).send(await getCampaign(database.db, actor, id));
    },
  );
  api.get(
    '/lookback/campaigns/:id',
    { schema: { tags, summary: '回头看批次详情 — the campaign and its checks (coordinator)', params: idParam, response: { 200: campaignDetail, ...errors } } },
    async (request) => getCampaign(database.db, requirePermission(request.actor, 'problem.read'), request.params.id),
  );
  api.post(
    '/lookback/campaigns/:id/assign',
    {
      schema: {
        tags,
        summary: '指派核查人 — assign checkers from units other than the rectifying ones; they are notified (coordinator)',
        params: idParam,
        body: assignCheckersBody,
        response: { 200: campaignDetail, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'problem.read');
      await assignCheckers(ctx, actor, request.params.id, request.body);
      return getCampaign(database.db, actor, request.params.id);
    },
  );
  api.get(
    '/lookback/checks/:id',
    { schema: { tags, summary: '回头看核查 — one check (its checker, or a coordinator)', params: idParam, response: { 200: lookbackCheck, ...errors } } },
    async (request) => getCheck(database.db, requirePermission(request.actor, 'problem.read'), request.params.id),
  );
  api.post(
    '/lookback/checks/:id/record',
    {
      schema: {
        tags,
        summary: '录入回头看结果 — 巩固 keeps it closed; 反弹 reopens it in a new rectification round (assigned checker or coordinator)',
        params: idParam,
        body: recordCheckBody,
        response: { 200: lookbackCheck.extend({ campaignCompleted: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'problem.read');
      const result = await recordCheck(ctx, actor, request.params.id, request.body);
      return { ...(await getCheck(database.db, actor, request.params.id)), campaignCompleted: result.campaignCompleted };
    },
  );
}
