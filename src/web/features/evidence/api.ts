import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client';
import type { EvidenceItem, EvidencePurpose, PairRole } from '../../../shared/api/evidence';

export { EVIDENCE_PURPOSES } from '../../../shared/api/evidence';
export type { EvidenceItem, EvidencePurpose, PairRole };

export interface UploadInput {
  file: File;
  purpose: EvidencePurpose;
  pairRole?: PairRole;
  pairKey?: string;
  capturedAt?: string;
  captureLng?: number;
  captureLat?: number;
}

const key = (problemId: number) => ['problems', 'evidence', problemId] as const;

export const useEvidence = (problemId: number, enabled = true) =>
  useQuery({
    queryKey: key(problemId),
    queryFn: () => api.get<{ items: EvidenceItem[] }>(`/problems/${problemId}/evidence`).then((r) => r.items),
    enabled: enabled && problemId > 0,
  });

export function useUploadEvidence(problemId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput) => {
      const form = new FormData();
      // Text fields first: the server reads them with the file in one pass.
      form.set('purpose', input.purpose);
      if (input.pairRole && input.pairKey) {
        form.set('pairRole', input.pairRole);
        form.set('pairKey', input.pairKey);
      }
      if (input.capturedAt) form.set('capturedAt', input.capturedAt);
      if (input.captureLng !== undefined && input.captureLat !== undefined) {
        form.set('captureLng', String(input.captureLng));
        form.set('captureLat', String(input.captureLat));
      }
      form.set('file', input.file, input.file.name);
      return api.upload<EvidenceItem>(`/problems/${problemId}/evidence`, form);
    },
    onSuccess: (item) => {
      queryClient.setQueryData<EvidenceItem[]>(key(problemId), (list) => (list ? [...list.filter((e) => e.id !== item.id), item] : list));
      void queryClient.invalidateQueries({ queryKey: key(problemId) });
    },
  });
}

export const evidenceFileUrl = (id: number, download = false) => apiUrl(`/evidence/${id}/file`, download ? { download: 1 } : undefined);
export const archivePackageUrl = (problemId: number, archiveId: number) => apiUrl(`/problems/${problemId}/archives/${archiveId}/package`);
