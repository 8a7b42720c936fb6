import type { ErrorCode } from '../shared/i18n/errors.js';

const defaultStatus: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CSRF_INVALID: 403,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_LOCKED: 423,
  AUTH_DISABLED: 403,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  USERNAME_TAKEN: 409,
  REGION_CODE_TAKEN: 409,
  USCC_TAKEN: 409,
  INTERNAL: 500,
};

/** The one error type of the server. Mapped to `{ code, message }` with a status once, in the error handler. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    status?: number,
  ) {
    super(code);
    this.status = status ?? defaultStatus[code] ?? 422;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
