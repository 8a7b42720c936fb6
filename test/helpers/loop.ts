import type { RouteContext } from '../../src/server/routes/context.js';
import { lookbackRoutes } from '../../src/server/routes/lookback/index.js';
import { notificationRoutes } from '../../src/server/routes/notifications/index.js';
import { todoRoutes } from '../../src/server/routes/todo/index.js';
import { endNotice } from '../../src/server/usecases/problems/end-notice.js';
import type { Session, TestContext } from './context.js';
import { addEvidence, problemInput } from './problems.js';

/**
 * Register the look-back, to-do and notification routes on the test app unless src/server/routes/index.ts already
 * does. Call right after createTestContext, before the first request (the app is not ready yet).
 */
export async function ensureLoopRoutes(ctx: TestContext): Promise<void> {
  if (ctx.app.hasRoute({ method: 'GET', url: '/api/todo' })) return;
  const rc: RouteContext = { config: ctx.config, database: ctx.database, services: ctx.services };
  await ctx.app.register(
    async (api) => {
      lookbackRoutes(api, rc);
      todoRoutes(api, rc);
      notificationRoutes(api, rc);
    },
    { prefix: '/api' },
  );
}

export interface LoopParties {
  coordinator: Session;
  /** a handler of the lead unit */
  handler: Session;
  /** the head of the lead unit */
  head: Session;
  verifier: Session;
}

const ok = async (res: { statusCode: number; body: string }, what: string) => {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown> & { id: number; status: string };
};

export const act = (s: Session, id: number, action: string, body: unknown = {}) => s.request('POST', `/api/problems/${id}/${action}`, body);

/** Register and assign a problem (status 'assigned'). */
export async function assignedProblem(ctx: TestContext, p: Pick<LoopParties, 'coordinator'>, overrides: Record<string, unknown> = {}) {
  const created = await ok(await p.coordinator.request('POST', '/api/problems', await problemInput(ctx, overrides)), 'register');
  await ok(await act(p.coordinator, created.id, 'assign'), 'assign');
  return created.id;
}

/** Acknowledge and report progress (status 'rectifying'). */
export async function rectifyingProblem(ctx: TestContext, p: LoopParties, overrides: Record<string, unknown> = {}) {
  const id = await assignedProblem(ctx, p, overrides);
  await ok(await act(p.handler, id, 'acknowledge'), 'acknowledge');
  const photo = await addEvidence(ctx, id, p.handler.userId, 'photo', 'progress');
  await ok(await act(p.handler, id, 'report-progress', { text: '已完成排查并开始整改', evidenceIds: [photo] }), 'report-progress');
  return id;
}

/** Self-check signed by the head, verification assigned (status 'verifying'). */
export async function verifyingProblem(ctx: TestContext, p: LoopParties, overrides: Record<string, unknown> = {}) {
  const id = await rectifyingProblem(ctx, p, overrides);
  const detail = await ok(await p.coordinator.request('GET', `/api/problems/${id}`), 'detail');
  const criteria = detail.closingCriteria as string[];
  const doc = await addEvidence(ctx, id, p.head.userId, 'document', 'self_check');
  await ok(await act(p.head, id, 'submit-self-check', { items: criteria.map((criterion) => ({ criterion, statement: '已完成', evidenceIds: [doc] })) }), 'self-check');
  await ok(await act(p.coordinator, id, 'start-verification', { verifierUserId: p.verifier.userId }), 'start-verification');
  return id;
}

/** Verification passed (status 'public_notice'). */
export async function noticedProblem(ctx: TestContext, p: LoopParties, overrides: Record<string, unknown> = {}) {
  const id = await verifyingProblem(ctx, p, overrides);
  const photo = await addEvidence(ctx, id, p.verifier.userId, 'photo', 'verification');
  await ok(await act(p.verifier, id, 'record-verification', { result: 'pass', onSiteRecord: '现场核查通过', evidenceIds: [photo] }), 'verification');
  return id;
}

/**
 * The whole loop to 已销号 through the API (the notice is ended by the system step, as the timed job does, so the
 * test clock need not move). Returns the problem id.
 */
export async function closedProblem(ctx: TestContext, p: LoopParties, overrides: Record<string, unknown> = {}) {
  const id = await noticedProblem(ctx, p, overrides);
  await endNotice({ database: ctx.database, services: ctx.services }, 'system', id);
  await ok(await act(p.coordinator, id, 'archive'), 'archive');
  await ok(await act(p.coordinator, id, 'file', { filingNumber: `青督改备〔2026〕${id}号`, filingDate: ctx.services.clock.today() }), 'file');
  return id;
}
