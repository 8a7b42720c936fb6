import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * Where evidence files (佐证材料) live: content-addressed by SHA-256, written once, never overwritten or deleted by
 * the application. The same hash always means the same bytes, so a row in `evidence` or an archive manifest that
 * names a hash names exactly one file for ever. Another backend (S3-compatible object storage, …) implements this
 * interface; see docs/adr/0008-evidence-store.md.
 */
export interface EvidenceStore {
  /**
   * Store `content` under its hash. Resolves only when the file is durable. A no-op when the hash is already
   * stored (the stream is then drained and discarded). Rejects when the content does not hash to `sha256`.
   */
  put(sha256: string, content: Readable | Buffer): Promise<void>;
  /** The stored bytes; the stream errors (ENOENT) when the hash is not stored — ask `exists` first. */
  get(sha256: string): Readable;
  exists(sha256: string): Promise<boolean>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export class EvidenceHashMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`evidence content hashes to ${actual}, not ${expected}`);
  }
}

function assertHash(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a lowercase SHA-256 hex digest: ${sha256.slice(0, 80)}`);
}

/**
 * Files on the local disk at `<root>/ab/cd/<sha256>` (two levels of 256 folders keep directories small).
 *
 * put(): write a temporary file in the target folder, hashing what is written; fsync it; check the hash; then
 * `link()` it to its final name — which fails instead of replacing when the name exists, so an existing file is never
 * overwritten, even by a concurrent upload of the same bytes — and fsync the folder so the new name survives a crash.
 * Stored files are read-only (0444).
 */
export class LocalDiskStore implements EvidenceStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    assertHash(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  get(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async put(sha256: string, content: Readable | Buffer): Promise<void> {
    const finalPath = this.pathOf(sha256);
    if (await this.exists(sha256)) {
      // Same hash, same bytes: nothing to write. Close the stream instead of draining it — its source (a temp file
      // the caller deletes next) may vanish, and a read error with no listener would crash the process.
      if (content instanceof Readable) {
        content.on('error', () => undefined);
        content.destroy();
      }
      return;
    }
    const dir = path.dirname(finalPath);
    await mkdir(dir, { recursive: true });
    const tmpPath = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    const fh = await open(tmpPath, 'wx', 0o444);
    let linked = false;
    try {
      const chunks: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(content) ? [content] : content;
      for await (const chunk of chunks) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        hash.update(buf);
        let offset = 0;
        while (offset < buf.length) offset += (await fh.write(buf, offset, buf.length - offset)).bytesWritten;
      }
      await fh.sync();
      await fh.close();
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new EvidenceHashMismatchError(sha256, actual);
      try {
        await link(tmpPath, finalPath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // EEXIST: the same bytes were stored meanwhile; keep the first file.
        if (code !== 'EEXIST') {
          // File systems without hard links: rename (the content is identical whoever wins).
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
          await rename(tmpPath, finalPath);
          linked = true;
        }
      }
      await syncDir(dir);
    } finally {
      await fh.close().catch(() => undefined);
      if (!linked) await unlink(tmpPath).catch(() => undefined);
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) refuse to fsync a directory; the file itself is synced.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR' && (error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}
