/** The logger the jobs write to (pino's and Fastify's fit). Jobs log counts and error codes, never personal data. */
export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** What of an error may be logged: its class, its database code and a bounded message (no rows, no parameters). */
export function errorSummary(error: unknown): { name: string; code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, ...(typeof code === 'string' ? { code } : {}), message: error.message.slice(0, 200) };
  }
  return { name: typeof error, message: 'non-error thrown' };
}
