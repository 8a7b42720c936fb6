import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportIssueView, ImportOptionsInput, ImportStatus, ImportView, UpdateImportInput } from '../../../shared/api/imports';
import type { Unit } from '../../../shared/api/units';
import type { Language } from '../../../shared/roles';
import { api } from '../../api/client';
import { downloadFile } from '../../api/download';
import { useLanguage } from '../../i18n/I18nProvider';

export type { ImportIssueView, ImportOptionsInput, ImportStatus, ImportView, UpdateImportInput };
export type ImportListItem = Pick<ImportView, 'id' | 'fileName' | 'status' | 'createdAt' | 'createdBy' | 'summary' | 'result'>;

/** How often a running commit is asked for its progress. */
export const COMMIT_POLL_MS = 700;
/** Largest file the server accepts (src/server/usecases/imports/analyze-import.ts). */
export const MAX_IMPORT_MB = 20;

const KEY = ['imports'] as const;
/** Messages come in the user's language: a switch fetches them again. */
const viewKey = (id: number, lang: Language) => [...KEY, 'view', id, lang] as const;

/** My recent imports, newest first (to resume one). */
export const useImportList = () =>
  useQuery({ queryKey: [...KEY, 'list'], queryFn: () => api.get<{ items: ImportListItem[] }>('/imports').then((r) => r.items) });


/** One import; polled while it is being written. */
export function useImport(id: number | null) {
  const { lang } = useLanguage();
  return useQuery({
    queryKey: viewKey(id ?? 0, lang),
    queryFn: () => api.get<ImportView>(`/imports/${id}`),
    enabled: !!id,
    // The same import in the other language (or the previous one, which the page ignores) while this one loads.
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.status === 'committing' ? COMMIT_POLL_MS : false),
  });
}

function useStoreView() {
  const queryClient = useQueryClient();
  const { lang } = useLanguage();
  return (view: ImportView) => {
    queryClient.setQueryData(viewKey(view.id, lang), view);
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
  };
}

/** 上传: the file is read and checked at once; nothing is written to the ledger. */
export function useUploadImport() {
  const store = useStoreView();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('file', file, file.name);
      return api.upload<ImportView>('/imports', form);
    },
    onSuccess: store,
  });
}

/** 重新校验 with the corrected sheet, rows, mapping and options. */
export function useUpdateImport(id: number) {
  const store = useStoreView();
  return useMutation({
    mutationFn: (body: UpdateImportInput) => api.put<ImportView>(`/imports/${id}`, body),
    onSuccess: store,
  });
}

/** 导入: starts writing in the background; progress comes from polling the import. */
export function useCommitImport(id: number) {
  const store = useStoreView();
  return useMutation({
    mutationFn: (version: number) => api.post<ImportView>(`/imports/${id}/commit`, { version }),
    onSuccess: store,
  });
}

/** Units by name, to turn a suggested unit name into the id an alias needs. */
export const useUnitChoices = (enabled: boolean) =>
  useQuery({
    queryKey: ['units', 'choices'],
    queryFn: () => api.get<{ items: Unit[] }>('/units').then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });

/** After a commit: the ledger, the to-do and the list of imports show the new problems. */
export function useAfterCommit() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [['problems'], ['todo'], [...KEY, 'list']]) void queryClient.invalidateQueries({ queryKey: key });
  };
}

export const downloadTemplate = async (lang: Language) => (await downloadFile('/imports/template.xlsx', undefined, lang, 'template.xlsx')).fileName;
export const downloadAnnotated = async (id: number, lang: Language) => (await downloadFile(`/imports/${id}/annotated.xlsx`, undefined, lang, 'annotated.xlsx')).fileName;
