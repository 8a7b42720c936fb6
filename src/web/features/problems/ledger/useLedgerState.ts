import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PROBLEM_STATUSES } from '../../../../domain/problem/lifecycle';
import { DEADLINE_KINDS, PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../../../domain/problem/vocabulary';
import { SCHEDULE_STATES, WARNING_LIGHTS } from '../../../../domain/schedule';
import { LEDGER_SORTS, type LedgerFilters, type LedgerQuery, type LedgerSort } from '../api';

/**
 * The ledger's filters, sort and page live in the address (?status=rectifying&warning=red&page=2), so the back button,
 * a reload and a pasted link all show the same list.
 */
const LISTS = {
  status: PROBLEM_STATUSES,
  warning: WARNING_LIGHTS,
  source: PROBLEM_SOURCES,
  category: PROBLEM_CATEGORIES,
  schedule: SCHEDULE_STATES,
  deadlineKind: DEADLINE_KINDS,
} as const;
const IDS = ['regionId', 'leadUnitId', 'unitId', 'roundId', 'batchId', 'planId', 'leaderUserId'] as const;
const BOOLS = ['flagged', 'isPublic'] as const;
const DATES = ['deadlineFrom', 'deadlineTo'] as const;
export const PAGE_SIZES = [20, 50, 100, 200];

export function parseFilters(params: URLSearchParams): LedgerFilters {
  const out: Record<string, unknown> = {};
  const q = params.get('q')?.trim();
  if (q) out.q = q.slice(0, 100);
  for (const [name, allowed] of Object.entries(LISTS)) {
    const values = (params.get(name) ?? '').split(',').filter((v) => (allowed as readonly string[]).includes(v));
    if (values.length) out[name] = values;
  }
  for (const name of IDS) {
    const n = Number(params.get(name));
    if (Number.isInteger(n) && n > 0) out[name] = n;
  }
  for (const name of BOOLS) {
    const v = params.get(name);
    if (v === 'true' || v === 'false') out[name] = v;
  }
  for (const name of DATES) {
    const v = params.get(name);
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) out[name] = v;
  }
  return out as LedgerFilters;
}

export function filtersToParams(filters: LedgerFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params;
}

/** How many filters are set (a list counts once). */
export const activeFilterCount = (filters: LedgerFilters, keys?: readonly (keyof LedgerFilters)[]) =>
  Object.entries(filters).filter(([k, v]) => (!keys || keys.includes(k as keyof LedgerFilters)) && v !== undefined && (!Array.isArray(v) || v.length > 0)).length;

export function useLedgerState() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const sortParam = params.get('sort');
  const sort: LedgerSort = (LEDGER_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as LedgerSort) : '-createdAt';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sizeParam = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(sizeParam) ? sizeParam : 20;
  const query: LedgerQuery = useMemo(() => ({ ...filters, sort, page, pageSize }), [filters, sort, page, pageSize]);

  const write = useCallback(
    (next: LedgerFilters, extra: { sort?: string; page?: number; pageSize?: number }) => {
      const p = filtersToParams(next);
      if (extra.sort && extra.sort !== '-createdAt') p.set('sort', extra.sort);
      if (extra.page && extra.page > 1) p.set('page', String(extra.page));
      if (extra.pageSize && extra.pageSize !== 20) p.set('pageSize', String(extra.pageSize));
      setParams(p, { replace: true });
    },
    [setParams],
  );

  return {
    query,
    filters,
    /** New filters start again at page 1. */
    setFilters: (next: LedgerFilters) => write(next, { sort, pageSize }),
    setSort: (next: LedgerSort) => write(filters, { sort: next, pageSize }),
    setPage: (nextPage: number, nextSize: number) => write(filters, { sort, page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize }),
    /** The filters only, as a query string (for saved filters). */
    filterString: filtersToParams(filters).toString(),
    applyFilterString: (s: string) => write(parseFilters(new URLSearchParams(s)), { sort, pageSize }),
  };
}
