import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/index.js';
import { authRoutes } from './auth/index.js';
import { calendarRoutes } from './calendars/index.js';
import type { RouteContext } from './context.js';
import { evidenceRoutes } from './evidence/index.js';
import { healthRoutes } from './health/index.js';
import { lookbackRoutes } from './lookback/index.js';
import { notificationRoutes } from './notifications/index.js';
import { todoRoutes } from './todo/index.js';
import { problemRoutes } from './problems/index.js';
import { roundRoutes } from './rounds/index.js';
import { settingsRoutes } from './settings/index.js';
import { regionRoutes } from './regions/index.js';
import { unitRoutes } from './units/index.js';
import { userRoutes } from './users/index.js';

export function registerRoutes(api: FastifyInstance, ctx: RouteContext) {
  healthRoutes(api, ctx);
  authRoutes(api, ctx);
  regionRoutes(api, ctx);
  unitRoutes(api, ctx);
  userRoutes(api, ctx);
  auditRoutes(api, ctx);
  calendarRoutes(api, ctx);
  problemRoutes(api, ctx);
  evidenceRoutes(api, ctx);
  lookbackRoutes(api, ctx);
  todoRoutes(api, ctx);
  notificationRoutes(api, ctx);
  roundRoutes(api, ctx);
  settingsRoutes(api, ctx);
}
