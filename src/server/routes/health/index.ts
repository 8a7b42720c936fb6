import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../context.js';

export function healthRoutes(app: FastifyInstance, { database }: RouteContext) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      config: { auth: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness and database check for operators',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string(), version: z.string() }),
          503: z.object({ status: z.literal('error'), database: z.enum(['pglite', 'postgres']), time: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const time = new Date().toISOString();
      try {
        await database.raw('SELECT 1');
        return { status: 'ok' as const, database: database.kind, time, version: '0.1.0' };
      } catch {
        return reply.code(503).send({ status: 'error' as const, database: database.kind, time });
      }
    },
  );
}
