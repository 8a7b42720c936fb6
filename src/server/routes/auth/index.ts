import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBody, loginBody, me, updateProfileBody } from '../../../shared/api/auth.js';
import { errorBody } from '../../../shared/api/common.js';
import { requireActor } from '../../access/access.js';
import { CSRF_COOKIE, deleteSession, resolveSession, SESSION_COOKIE } from '../../auth/sessions.js';
import { changePassword } from '../../usecases/change-password.js';
import { getMe } from '../../usecases/get-me.js';
import { signIn } from '../../usecases/sign-in.js';
import { updateProfile } from '../../usecases/update-profile.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 423: errorBody };

export function authRoutes(app: FastifyInstance, { config, database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: config.secureCookies };

  const setSessionCookies = (reply: FastifyReply, token: string, csrfToken: string, expiresAt: Date) => {
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, httpOnly: true, expires: expiresAt });
    reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookieOptions, httpOnly: false, expires: expiresAt });
  };

  api.post(
    '/auth/login',
    {
      config: { auth: false, csrf: false },
      schema: { tags: ['auth'], summary: 'Sign in (登录)', body: loginBody, response: { 200: me, ...errors } },
    },
    async (request, reply) => {
      const session = await signIn(database, request.body, config.sessionHours);
      setSessionCookies(reply, session.token, session.csrfToken, session.expiresAt);
      const ctx = await resolveSession(database.db, session.token, config.sessionHours);
      return getMe(database.db, requireActor(ctx?.actor ?? null), session.csrfToken, services.clock.today());
    },
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (退出登录)', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      if (request.sessionToken) await deleteSession(database.db, request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'Who am I (当前用户)', response: { 200: me, ...errors } } },
    async (request) => getMe(database.db, requireActor(request.actor), request.csrfToken ?? '', services.clock.today()),
  );

  api.patch(
    '/auth/me',
    {
      schema: { tags: ['auth'], summary: 'Update my profile (个人信息)', body: updateProfileBody, response: { 200: me, ...errors } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      await updateProfile(database, actor, request.body);
      return getMe(database.db, actor, request.csrfToken ?? '', services.clock.today());
    },
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password (修改密码)',
        body: changePasswordBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await changePassword(database, requireActor(request.actor), request.sessionToken ?? '', request.body);
      return reply.code(204).send(null);
    },
  );
}
