import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES } from './file-types.js';

/** An upload received into a temporary file: its hash, size and first bytes (for type detection). */
export interface ReceivedFile {
  tmpPath: string;
  sha256: string;
  size: number;
  head: Buffer;
  /** Delete the temporary file (always call it, success or not). */
  discard(): Promise<void>;
}

/**
 * Stream `source` into a new file in `tmpDir` while hashing it with SHA-256, never holding the whole file in memory.
 * The caller enforces the size limit on the source (multipart truncates at the limit) and checks for truncation.
 */
export async function receiveToTempFile(source: Readable, tmpDir: string): Promise<ReceivedFile> {
  await mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, `ducha-upload-${process.pid}-${randomBytes(8).toString('hex')}.part`);
  const discard = () => unlink(tmpPath).catch(() => undefined);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < SNIFF_BYTES) {
        headChunks.push(chunk.subarray(0, SNIFF_BYTES - headLength));
        headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await discard();
    throw error;
  }
  return { tmpPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks), discard };
}
