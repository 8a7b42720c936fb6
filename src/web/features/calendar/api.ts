import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface YearSummary {
  year: number;
  holidays: number;
  workdays: number;
  workingDays: number;
  source: string | null;
  loadedAt: string;
}
export interface DayEntry {
  date: string;
  name: string;
}
export interface CalendarYear {
  year: number;
  holidays: DayEntry[];
  workdays: DayEntry[];
  source?: string;
}
export interface WorkingDaysResult {
  from: string;
  days: number;
  date: string;
  covered: boolean;
}

const KEY = ['calendars'] as const;

export const useCalendarYears = () =>
  useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: YearSummary[] }>('/calendars').then((r) => r.items) });

export const useCalendarYear = (year: number | undefined) =>
  useQuery({
    queryKey: [...KEY, year],
    queryFn: () => api.get<CalendarYear>(`/calendars/${year}`),
    enabled: year !== undefined,
  });

export const useAddWorkingDays = (input: { from: string; days: number } | null) =>
  useQuery({
    queryKey: [...KEY, 'add', input],
    queryFn: () => api.get<WorkingDaysResult>('/calendars/add-working-days', { from: input!.from, days: input!.days }),
    enabled: input !== null,
  });

export function useLoadYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: CalendarYear) => api.put(`/calendars/${data.year}`, data),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
