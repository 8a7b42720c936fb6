import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Unit } from '../../../shared/api/units';
import { ApiError, api } from '../../api/client';

interface AddWorkingDays {
  from: string;
  days: number;
  date: string;
  covered: boolean;
}
interface CalendarYear {
  year: number;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
}

export interface TodayStatus {
  today: string;
  isWorkingDay: boolean;
  /** 国庆节 … when today is inside an official holiday, or the make-up working day's name. */
  holidayName?: string;
  madeUpWorkday?: string;
  tenWorkingDaysLater: string;
  /** False when today or the result lies in a year whose official arrangement is not loaded. */
  covered: boolean;
}

async function loadToday(): Promise<TodayStatus> {
  const today = dayjs().format('YYYY-MM-DD');
  const yesterday = dayjs().subtract(1, 'day').format('YYYY-MM-DD');
  const [next, later, year] = await Promise.all([
    // The first working day after yesterday is today exactly when today is a working day.
    api.get<AddWorkingDays>('/calendars/add-working-days', { from: yesterday, days: 1 }),
    api.get<AddWorkingDays>('/calendars/add-working-days', { from: today, days: 10 }),
    api.get<CalendarYear>(`/calendars/${dayjs().year()}`).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  ]);
  return {
    today,
    isWorkingDay: next.date === today,
    holidayName: year?.holidays.find((d) => d.date === today)?.name,
    madeUpWorkday: year?.workdays.find((d) => d.date === today)?.name,
    tenWorkingDaysLater: later.date,
    covered: next.covered && later.covered,
  };
}

export const useToday = (enabled: boolean) => useQuery({ queryKey: ['home', 'today'], queryFn: loadToday, enabled });

export const useVisibleUnits = (enabled: boolean) =>
  useQuery({
    queryKey: ['home', 'units'],
    queryFn: () => api.get<{ items: Unit[] }>('/units').then((r) => r.items),
    enabled,
  });

export const useVisibleUserCount = (enabled: boolean) =>
  useQuery({
    queryKey: ['home', 'userCount'],
    queryFn: () => api.get<{ total: number }>('/users', { page: 1, pageSize: 1 }).then((r) => r.total),
    enabled,
  });
