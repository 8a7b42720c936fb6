import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Actor } from '../../../domain/access.js';
import type { Executor } from '../../db/client.js';
import { archives } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { safeFileName } from '../../evidence/content-disposition.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { loadProblem } from '../problems/load-problem.js';

/** The manifest written by archiveProblem (src/server/usecases/problems/archive-problem.ts). */
export interface ArchiveManifest {
  problem: string;
  round: number;
  archivedAt: string;
  files: { id: number; name: string; sha256: string; size: number; purpose: string; uploadedAt: string }[];
}

export interface ArchivePackage {
  fileName: string;
  stream: Readable;
}

/** The path of an evidence file inside the package. */
export const packagePathOf = (file: { id: number; name: string }) => `files/${file.id}-${safeFileName(file.name)}`;

/**
 * 归档材料包: the frozen file of one closing as a .zip — manifest.json (the manifest, the snapshot and the manifest
 * hash that proves both unchanged), snapshot.json, every evidence file under files/<id>-<name>, and integrity.json,
 * the result of re-hashing every file while it was packed (a file missing from the store or not matching its hash is
 * listed there, never silently dropped). Streamed: memory stays bounded whatever the total size.
 */
export async function openArchivePackage(ex: Executor, store: EvidenceStore, actor: Actor, problemId: number, archiveId: number): Promise<ArchivePackage> {
  const { problem } = await loadProblem(ex, actor, problemId);
  const [archive] = await ex
    .select()
    .from(archives)
    .where(and(eq(archives.id, archiveId), eq(archives.problemId, problemId)));
  if (!archive) throw notFound();
  const manifest = archive.manifest as ArchiveManifest;
  const manifestJson = {
    archiveId: archive.id,
    problem: problem.code,
    round: archive.rectificationRound,
    archivedAt: archive.archivedAt.toISOString(),
    manifest,
    snapshot: archive.snapshot,
    manifestSha256: archive.manifestSha256,
    manifestSha256Of: 'SHA-256 (hex) of the canonical JSON (keys sorted, no spaces) of { "manifest": …, "snapshot": … }',
  };
  return {
    fileName: `${problem.code}-第${archive.rectificationRound}轮-归档.zip`,
    stream: Readable.from(zipChunks(store, archive.archivedAt, manifest, manifestJson, archive.snapshot)),
  };
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

async function* zipChunks(store: EvidenceStore, mtime: Date, manifest: ArchiveManifest, manifestJson: unknown, snapshot: unknown): AsyncGenerator<Buffer> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  function* drain(): Generator<Buffer> {
    if (failure) throw failure;
    while (out.length > 0) {
      const chunk = out.shift()!;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
  const addSmall = (name: string, data: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(data, true);
  };

  addSmall('manifest.json', json(manifestJson));
  addSmall('snapshot.json', json(snapshot));
  yield* drain();

  const missing: { id: number; name: string; sha256: string }[] = [];
  const altered: { id: number; name: string; sha256: string; actual: string }[] = [];
  for (const file of manifest.files) {
    if (!(await store.exists(file.sha256))) {
      missing.push({ id: file.id, name: file.name, sha256: file.sha256 });
      continue;
    }
    // Photos and office files are compressed already: store them as they are.
    const entry = new ZipPassThrough(packagePathOf(file));
    entry.mtime = mtime;
    zip.add(entry);
    const hash = createHash('sha256');
    for await (const chunk of store.get(file.sha256)) {
      const buf = chunk as Buffer;
      hash.update(buf);
      entry.push(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    const actual = hash.digest('hex');
    if (actual !== file.sha256) altered.push({ id: file.id, name: file.name, sha256: file.sha256, actual });
    yield* drain();
  }
  addSmall('integrity.json', json({ ok: missing.length === 0 && altered.length === 0, files: manifest.files.length, checkedAt: new Date().toISOString(), missing, altered }));
  zip.end();
  yield* drain();
}
