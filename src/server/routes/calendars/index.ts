import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatIsoDate, parseIsoDate } from '../../../domain/calendar/calendar.js';
import { calendarYearSchema } from '../../../domain/calendar/year-data.js';
import { errorBody } from '../../../shared/api/common.js';
import { calendarIssueCatalog } from '../../../shared/i18n/calendar.js';
import { translate } from '../../../shared/i18n/translate.js';
import { requirePermission } from '../../access/access.js';
import { AppError } from '../../errors.js';
import { loadCalendarYear } from '../../usecases/load-calendar-year.js';
import { zodLocales } from '../../zod-locales.js';
import type { RouteContext } from '../context.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const dayEntry = z.object({ date: z.string(), name: z.string() });
const yearSummary = z.object({
  year: z.number(),
  holidays: z.number(),
  workdays: z.number(),
  workingDays: z.number(),
  source: z.string().nullable(),
  loadedAt: z.string(),
});

export function calendarRoutes(app: FastifyInstance, { database, services }: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/calendars',
    {
      schema: {
        tags: ['calendars'],
        summary: 'Loaded working-day calendars (工作日历), one row per year',
        response: { 200: z.object({ items: z.array(yearSummary) }), ...errors },
      },
    },
    async (request) => {
      requirePermission(request.actor, 'calendar.read');
      const calendar = await services.calendar.get();
      const years = await services.calendar.years();
      return {
        items: years.map(({ year, loadedAt }) => ({
          year: year.year,
          holidays: year.holidays.length,
          workdays: year.workdays.length,
          workingDays: calendar.workingDaysBetween(`${year.year - 1}-12-31`, `${year.year}-12-31`),
          source: year.source ?? null,
          loadedAt: loadedAt.toISOString(),
        })),
      };
    },
  );
  api.get(
    '/calendars/:year',
    {
      schema: {
        tags: ['calendars'],
        summary: "One year's holidays and make-up working days",
        params: yearParam,
        response: {
          200: z.object({ year: z.number(), holidays: z.array(dayEntry), workdays: z.array(dayEntry), source: z.string().optional() }),
          ...errors,
        },
      },
    },
    async (request) => {
      requirePermission(request.actor, 'calendar.read');
      const found = (await services.calendar.years()).find((y) => y.year.year === request.params.year);
      if (!found) throw new AppError('NOT_FOUND');
      return found.year;
    },
  );
  api.put(
    '/calendars/:year',
    {
      schema: {
        tags: ['calendars'],
        summary: "Load or replace one year's official arrangement (国务院办公厅节假日安排)",
        params: yearParam,
        body: z.unknown(),
        response: { 204: z.null(), ...errors, 422: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'calendar.manage');
      // Zod's own checks speak the caller's language through its locale; the calendar's checks name a catalog entry.
      const parsed = calendarYearSchema.safeParse(request.body, { error: zodLocales[request.lang].localeError, reportInput: true });
      if (!parsed.success) {
        const message = (i: (typeof parsed.error.issues)[number]) => {
          const params = (i as { params?: Record<string, string | number> }).params;
          const key = params?.key as keyof typeof calendarIssueCatalog | undefined;
          return key && key in calendarIssueCatalog ? translate(calendarIssueCatalog, request.lang, key, { ...params, input: String(i.input) }) : i.message;
        };
        const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${message(i)}`).join('; ');
        throw new AppError('CALENDAR_INVALID', { detail }, 400);
      }
      if (parsed.data.year !== request.params.year)
        throw new AppError('CALENDAR_YEAR_MISMATCH', { path: request.params.year, body: parsed.data.year }, 400);
      await loadCalendarYear(database, actor, parsed.data);
      services.calendar.invalidate();
      return reply.code(204).send(null);
    },
  );
  api.get(
    '/calendars/add-working-days',
    {
      schema: {
        tags: ['calendars'],
        summary: 'The date N working days after a date, and whether the span is covered by loaded calendars',
        querystring: z.object({ from: isoDate, days: z.coerce.number().int().min(-3650).max(3650) }),
        response: { 200: z.object({ from: z.string(), days: z.number(), date: z.string(), covered: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      requirePermission(request.actor, 'calendar.read');
      const calendar = await services.calendar.get();
      let date: string;
      try {
        date = formatIsoDate(parseIsoDate(calendar.addWorkingDays(request.query.from, request.query.days)));
      } catch {
        throw new AppError('VALIDATION_FAILED', { detail: `from: ${request.query.from}` }, 400);
      }
      return { from: request.query.from, days: request.query.days, date, covered: calendar.isCovered(date) && calendar.isCovered(request.query.from) };
    },
  );
}
