import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { CliError } from './common.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './backup.js';

/** Lines of a gzip'd text file, streamed (a line is never split, however long). */
export async function* readGzipLines(file: string): AsyncGenerator<string, void, undefined> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.write(chunk);
      let start = 0;
      for (let nl = rest.indexOf('\n', start); nl !== -1; nl = rest.indexOf('\n', start)) {
        yield rest.slice(start, nl);
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file} does not exist`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
      throw new CliError(`${file} is not a complete gzip file (${(error as Error).message}); is it a ducha backup, and was it copied whole?`);
    throw error;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/** Reads a backup line by line, with the line number for messages. */
export class BackupReader {
  private readonly lines: AsyncGenerator<string, void, undefined>;
  lineNumber = 0;

  constructor(readonly file: string) {
    this.lines = readGzipLines(file);
  }

  async next(): Promise<string | undefined> {
    const r = await this.lines.next();
    if (r.done) return undefined;
    this.lineNumber += 1;
    return r.value;
  }

  /** The next line parsed as a JSON object; a missing line means the file was cut off. */
  async nextObject(what: string): Promise<Record<string, unknown>> {
    const line = await this.next();
    if (line === undefined) throw new CliError(`${this.file} ends early: expected ${what} after line ${this.lineNumber}; the file is incomplete`);
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new CliError(`${this.file} line ${this.lineNumber}: expected ${what}, found something else; the file is damaged`);
  }

  async header(): Promise<BackupHeader> {
    const line = await this.next();
    if (line === undefined) throw new CliError(`${this.file} is empty; it is not a ducha backup`);
    let first: Record<string, unknown> = {};
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) first = value as Record<string, unknown>;
    } catch {
      throw new CliError(`${this.file} is not a ducha backup (its first line is not JSON)`);
    }
    if (first.format !== BACKUP_FORMAT) throw new CliError(`${this.file} is not a ducha backup (no "format": "${BACKUP_FORMAT}" header)`);
    if (first.version !== BACKUP_VERSION)
      throw new CliError(`${this.file} is a version ${String(first.version)} backup; this ducha reads version ${BACKUP_VERSION} only`);
    const header = first as unknown as BackupHeader;
    if (!Array.isArray(header.tables) || !Array.isArray(header.migrations) || !Array.isArray(header.sequences))
      throw new CliError(`${this.file}: the header is incomplete; the file is damaged`);
    return header;
  }

  async close(): Promise<void> {
    await this.lines.return(undefined);
  }
}

/** Just the header of a backup (for tests and for a quick look). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const reader = new BackupReader(file);
  try {
    return await reader.header();
  } finally {
    await reader.close();
  }
}
