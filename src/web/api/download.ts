import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/roles';
import { ui } from '../i18n/ui';
import { ApiError, withQuery, type Query } from './client';

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first, then `filename`). */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

export interface DownloadOptions {
  method?: 'GET' | 'POST';
  /** JSON body of a POST */
  body?: unknown;
  /** the session's CSRF token, needed for a POST */
  csrfToken?: string | null;
}

/**
 * Download a file the API builds (a workbook, a Word document): fetched first so that a refusal (too many rows, no
 * permission, wrong status) shows as a message instead of a page of JSON, then handed to the browser under the
 * server's file name. A POST (issuing a notice) carries the CSRF header like every write. Returns the file name and
 * the response headers (a notice's 文号 comes in one).
 */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  language: Language,
  fallbackName: string,
  options: DownloadOptions = {},
): Promise<{ fileName: string; headers: Headers }> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { 'Accept-Language': language };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError('NETWORK', translate(ui, language, 'error.network'), 0);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(body?.code ?? `HTTP_${response.status}`, body?.message ?? translate(ui, language, 'error.http', { status: response.status }), response.status);
  }
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
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
  return { fileName, headers: response.headers };
}
