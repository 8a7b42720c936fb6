import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Actor } from '../domain/access.js';
import { errorCatalog, loopLabelCatalog, passwordProblemCatalog, uscReasonCatalog } from '../shared/i18n/errors.js';
import { phasePeriodLabel } from '../shared/i18n/phase-period.js';
import { pickLanguage, translate } from '../shared/i18n/translate.js';
import type { Language } from '../shared/roles.js';
import { CSRF_COOKIE, resolveSession, SESSION_COOKIE } from './auth/sessions.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { AppError } from './errors.js';
import { zodLocales } from './zod-locales.js';
import { registerRoutes } from './routes/index.js';
import type { Services } from './services.js';
import type { EvidenceRouteOptions } from './routes/evidence/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
    lang: Language;
  }
  interface FastifyContextConfig {
    /** false for endpoints reachable without signing in */
    auth?: boolean;
    /** false for writes that cannot carry a CSRF token (sign-in) */
    csrf?: boolean;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** evidence store and limits (tests use a temp folder) */
  evidence?: EvidenceRouteOptions;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Logger settings: never log cookies, tokens, bodies or query strings (they may hold personal data). */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}


/** Render a zod issue (as carried in a Fastify validation error) in the caller's language. */
function localizedIssue(v: { keyword: string; message?: string; params?: Record<string, unknown> }, lang: Language): string {
  try {
    const raw = { ...(v.params ?? {}), code: v.keyword, message: undefined, path: [], input: undefined };
    const out = zodLocales[lang].localeError?.(raw as never);
    const text = typeof out === 'string' ? out : out?.message;
    return text ?? v.message ?? 'invalid';
  } catch {
    return v.message ?? 'invalid';
  }
}

function messageFor(error: AppError, lang: Language): string {
  const params = { ...error.params };
  if (error.code === 'PASSWORD_WEAK' && typeof params.problems === 'string') {
    params.problems = params.problems
      .split(',')
      .map((p) => translate(passwordProblemCatalog, lang, p))
      .join(lang === 'en' ? '; ' : '；');
  }
  if (error.code === 'USCC_INVALID' && typeof params.reason === 'string') {
    params.reason = translate(uscReasonCatalog, lang, params.reason, { expected: params.expected ?? '' });
  }
  if (typeof params.action === 'string') params.action = translate(loopLabelCatalog, lang, `action.${params.action}`);
  if (typeof params.status === 'string') params.status = translate(loopLabelCatalog, lang, `status.${params.status}`);
  if (error.code === 'PHASE_ALREADY_DONE' && typeof params.period === 'string') params.period = phasePeriodLabel(params.period, lang);
  return translate(errorCatalog, lang, error.code, params);
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, services } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ducha 督察整改闭环管理平台 API',
        description:
          'Every endpoint validates its input; errors are `{ code, message }` with the message in the language of the Accept-Language header (zh-CN by default). Writes need the session cookie and the `x-csrf-token` header returned by sign-in and /api/auth/me.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    request.lang = pickLanguage(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token && token.length < 200) {
      const session = await resolveSession(database.db, token, config.sessionHours);
      if (session) {
        request.actor = session.actor;
        request.sessionToken = session.token;
        request.csrfToken = session.csrfToken;
      }
    }
  });

  app.addHook('preValidation', async (request) => {
    const routeConfig = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (routeConfig.auth !== false && !request.actor) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method) && routeConfig.csrf !== false && request.actor) {
      // Double submit: the token lives in the session row and in a readable cookie the page echoes as a header.
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || header !== request.csrfToken) throw new AppError('CSRF_INVALID');
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const lang = request.lang ?? 'zh-CN';
    if (error instanceof AppError) {
      return reply.code(error.status).send({ code: error.code, message: messageFor(error, lang) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'),
        message: localizedIssue(v, lang),
      }));
      const detail = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return reply.code(400).send({
        code: 'VALIDATION_FAILED',
        message: translate(errorCatalog, lang, 'VALIDATION_FAILED', { detail }),
        details,
      });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      return reply.code(status).send({ code, message: translate(errorCatalog, lang, code) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send({ code: 'INTERNAL', message: translate(errorCatalog, lang, 'INTERNAL', { ref: String(request.id) }) });
  });

  await app.register(async (api) => registerRoutes(api, { config, database, services, evidence: options.evidence }), { prefix: '/api' });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: false } }, async () => app.swagger());

  const indexHtml = path.join(config.webDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) {
      return reply.code(404).send({ code: 'ROUTE_NOT_FOUND', message: translate(errorCatalog, request.lang, 'ROUTE_NOT_FOUND') });
    }
    // Client-side routes: every other GET gets the single-page app.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

export const csrfCookieName = CSRF_COOKIE;
