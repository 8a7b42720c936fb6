import { useState } from 'react';
import { useUsers, type UserQuery } from '../api';

type Filters = Omit<UserQuery, 'page' | 'pageSize'>;

/** Filters and paging of the user list; changing a filter goes back to page 1. */
export function useUserList() {
  const [filters, setFiltersState] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const users = useUsers({ ...filters, ...paging });
  return {
    users,
    filters,
    paging,
    filtered: Object.values(filters).some((v) => v !== undefined),
    setFilters: (next: Filters) => {
      setFiltersState(next);
      setPaging((p) => ({ ...p, page: 1 }));
    },
    onPage: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  };
}
