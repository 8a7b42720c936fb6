import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/roles';
import { ui } from '../i18n/ui';

/** An error answer from the API (`{ code, message, details? }`), or a network failure (code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let language: Language = 'zh-CN';
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export const setApiLanguage = (lang: Language) => {
  language = lang;
};
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** Called when a request other than the session probe answers 401: the session expired or was signed out elsewhere. */
export const setUnauthenticatedHandler = (handler: (() => void) | null) => {
  onUnauthenticated = handler;
};

function csrfFromCookie(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)ducha_csrf=([^;]+)/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (file uploads); the browser sets its content type and boundary. */
  form?: FormData;
  /** Don't treat 401 as "session expired" (the sign-in page and the session probe). */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' };
  if (options.body !== undefined && !options.form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError('NETWORK', translate(ui, language, 'error.network'), 0);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data as T;
  const body = (data ?? {}) as { code?: string; message?: string; details?: { path: string; message: string }[] };
  const error = new ApiError(
    body.code ?? `HTTP_${response.status}`,
    body.message ?? translate(ui, language, 'error.http', { status: response.status }),
    response.status,
    body.details,
  );
  if (response.status === 401 && !options.quiet401) onUnauthenticated?.();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T = void>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  /** multipart/form-data, for evidence files. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** The address of something the browser fetches itself (an <img src>, a download link). */
export const apiUrl = (path: string, query?: Query) => withQuery(`/api${path}`, query);

/** The text to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
