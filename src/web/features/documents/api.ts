import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Period } from '../../../domain/reports/period';
import type { BulletinSummary, SupervisionNoticeInput } from '../../../shared/api/documents';
import { translate } from '../../../shared/i18n/translate';
import type { Language } from '../../../shared/roles';
import { api, ApiError, withQuery, type Query } from '../../api/client';
import { ui } from '../../i18n/ui';

export type { BulletinSummary, SupervisionNoticeInput, Period };

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first, then `filename`). */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through to the ASCII name */
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

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

/**
 * Fetch a Word document the API builds and hand it to the browser under the server's file name. Fetched rather than
 * linked so that a refusal (no permission, wrong status) shows as a message instead of a page of JSON, and so that
 * issuing a notice can be a POST with the CSRF header like every write. Returns the file name and, for a notice,
 * the 文号 it was given.
 */
export async function downloadDocument(request: DocumentRequest): Promise<{ fileName: string; documentNumber: string | null }> {
  const headers: Record<string, string> = { 'Accept-Language': request.language };
  if (request.method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (request.csrfToken) headers['x-csrf-token'] = request.csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${request.path}`, request.query), {
      method: request.method,
      headers,
      credentials: 'same-origin',
      body: request.method === 'POST' ? JSON.stringify(request.body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError('NETWORK', translate(ui, request.language, 'error.network'), 0);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(body?.code ?? `HTTP_${response.status}`, body?.message ?? translate(ui, request.language, 'error.http', { status: response.status }), response.status);
  }
  const fileName = fileNameOf(response.headers.get('content-disposition'), request.fallbackName);
  const number = response.headers.get('x-document-number');
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { fileName, documentNumber: number ? decodeURIComponent(number) : null };
}

/** The figures of the 调度通报 for a period; the previous figures stay on screen while another period loads. */
export const useBulletinSummary = (period: Period) =>
  useQuery({
    queryKey: ['reports', 'bulletin', period.from, period.to],
    queryFn: () => api.get<BulletinSummary>('/reports/bulletin/summary', { from: period.from, to: period.to }),
    placeholderData: keepPreviousData,
  });
