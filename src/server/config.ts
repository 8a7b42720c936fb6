import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  sessionHours: number;
  secureCookies: boolean;
  logLevel: string;
  /** Folder with the built web app; served when present. */
  webDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DUCHA_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: env.DUCHA_DEMO !== '0',
    sessionHours: Number(env.DUCHA_SESSION_HOURS ?? 12),
    secureCookies: env.DUCHA_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: path.resolve(env.DUCHA_WEB_DIR ?? './dist/web'),
  };
}

/** Where the embedded database lives inside the data folder. */
export const pgliteDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'db');
