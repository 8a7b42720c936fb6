import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Period } from '../../../domain/reports/period';
import type { BulletinSummary, IssuedDocument, IssuedDocumentList, SupervisionNoticeInput } from '../../../shared/api/documents';
import type { Language } from '../../../shared/roles';
import { api, type Query } from '../../api/client';
import { downloadFile } from '../../api/download';

export type { BulletinSummary, IssuedDocument, SupervisionNoticeInput, Period };

export interface DocumentRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  body?: unknown;
  language: Language;
  /** the session's CSRF token, for POST */
  csrfToken?: string | null;
  fallbackName: string;
}

/** Download a Word document; for an issued notice, also the 文号 it was given. */
export async function downloadDocument(request: DocumentRequest): Promise<{ fileName: string; documentNumber: string | null }> {
  const { fileName, headers } = await downloadFile(request.path, request.query, request.language, request.fallbackName, request);
  const number = headers.get('x-document-number');
  return { fileName, documentNumber: number ? decodeURIComponent(number) : null };
}

/** The figures of the 调度通报 for a period; the previous figures stay on screen while another period loads. */
export const useBulletinSummary = (period: Period) =>
  useQuery({
    queryKey: ['reports', 'bulletin', period.from, period.to],
    queryFn: () => api.get<BulletinSummary>('/reports/bulletin/summary', { from: period.from, to: period.to }),
    placeholderData: keepPreviousData,
  });

/** The supervision notices already issued about a problem, newest first. */
export const issuedNoticesKey = (problemId: number) => ['documents', 'problem', problemId] as const;
export const useIssuedNotices = (problemId: number) =>
  useQuery({ queryKey: issuedNoticesKey(problemId), queryFn: () => api.get<IssuedDocumentList>(`/problems/${problemId}/documents`).then((r) => r.items) });

/** Download an issued notice again: the original file, same number (GET /api/documents/:id). */
export const downloadIssued = (doc: Pick<IssuedDocument, 'id' | 'fileName'>, language: Language) =>
  downloadDocument({ method: 'GET', path: `/documents/${doc.id}`, language, fallbackName: doc.fileName });
