import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { recordChange } from '../../src/server/audit/record-change.js';
import { auditVerify } from '../../src/server/cli/audit.js';
import { backupDatabase, type BackupHeader } from '../../src/server/cli/backup.js';
import { readBackupHeader } from '../../src/server/cli/backup-file.js';
import { CliError, type Io } from '../../src/server/cli/common.js';
import { createAdmin } from '../../src/server/cli/create-admin.js';
import { runCli } from '../../src/server/cli/ducha.js';
import { RestoreRefused, restoreDatabase } from '../../src/server/cli/restore.js';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { createServices } from '../../src/server/services.js';
import { createTestContext, openTestDatabase, pgAdminUrl, signIn, type Session, type TestContext } from '../helpers/context.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RECOVERY_PASSWORD = 'Huifu-Zhanghao#2026';

let source: TestContext;
let admin: Session;
let tmp: string;
let backupFile: string;
const opened: { drop(): Promise<void> }[] = [];

async function freshDatabase() {
  const t = await openTestDatabase();
  opened.push(t);
  return t;
}

function captureIo(env: NodeJS.ProcessEnv = {}): Io & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, env, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

/** Every public table except sessions, each row as PostgreSQL's own JSON text (UTC), sorted: independent of the CLI code. */
async function dump(database: Database): Promise<Record<string, string[]>> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const rowsOf = async <T>(q: ReturnType<typeof sql>) => {
      const r = (await tx.execute(q)) as unknown as { rows: T[] };
      return r.rows;
    };
    const tables = await rowsOf<{ name: string }>(
      sql`SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'sessions' ORDER BY 1`,
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await rowsOf<{ r: string }>(sql`SELECT row_to_json(t.*)::text AS r FROM public.${sql.identifier(name)} AS t`);
      out[name] = rows.map((x) => x.r).sort();
    }
    return out;
  });
}

async function count(database: Database, table: string): Promise<number> {
  const [row] = await database.raw<{ n: number }>(`SELECT count(*)::int AS n FROM public."${table}"`);
  return Number(row!.n);
}

/** Rewrite a backup's lines (header first) into a new gzip file. */
function rewriteBackup(from: string, to: string, edit: (lines: string[]) => string[]): string {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  writeFileSync(to, gzipSync(`${edit(lines).join('\n')}\n`));
  return to;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'ducha-backup-'));
  source = await createTestContext();
  admin = await signIn(source.app, 'admin'); // also leaves a session behind, which must not be backed up

  // Changes through the API, with values that are easy to get wrong: quotes, backslashes, emoji, CJK.
  const unit = await admin.request('POST', '/api/units', {
    name: '备份测试单位 "引号" \\ 反斜杠 😀',
    kind: 'department',
    regionId: 1,
    parentId: 1,
    contactPhone: null,
  });
  expect(unit.statusCode, unit.body).toBe(201);
  const renamed = await admin.request('PATCH', `/api/units/${unit.json().id}`, { shortName: '备份单位', version: unit.json().version });
  expect(renamed.statusCode, renamed.body).toBe(200);
  const user = await admin.request('POST', '/api/users', {
    username: 'backup.tester',
    displayName: '备份测试员',
    unitId: unit.json().id,
    roles: ['unit_handler'],
    password: 'Beifen-Ceshi#2026',
  });
  expect(user.statusCode, user.body).toBe(201);
  // The recovery command writes through the same builders and history.
  await createAdmin(source.database, { username: 'recovery.admin', unitId: 1, password: RECOVERY_PASSWORD });
  // jsonb values of every shape, and enough history rows that paging crosses page boundaries.
  await source.database.raw(
    `INSERT INTO settings (key, value) VALUES ('test.backup.string', '"文本"'), ('test.backup.number', '12345678901234567'),
       ('test.backup.object', '{"b": [1, 2.5, {"c": null}], "a": "x\\"y\\\\z\\n"}')`,
  );
  await source.database.transaction(async (tx) => {
    for (let i = 0; i < 40; i++)
      await recordChange(tx, { id: null, name: 'system' }, { action: 'test.filler', entityType: 'test', entityId: i, after: { i, text: `第${i}行` } });
  });

  backupFile = path.join(tmp, 'source.ndjson.gz');
  // Small pages so that every table with rows is read in several cursor fetches.
  await backupDatabase(source.database, backupFile, { pageSize: 7 });
}, 120_000);

afterAll(async () => {
  for (const t of opened) await t.drop().catch(() => undefined);
  await source?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('backup', () => {
  it('writes every table except sessions in foreign-key order, with row counts and the applied migrations', async () => {
    const header = await readBackupHeader(backupFile);
    expect(header).toMatchObject({ format: 'ducha-backup', version: 1, excluded: ['sessions'] });
    expect(await count(source.database, 'sessions')).toBeGreaterThan(0);

    const tables = await source.database.raw<{ name: string }>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND c.relname <> 'sessions' ORDER BY 1`,
    );
    expect(header.tables.map((t) => t.name).sort()).toEqual(tables.map((t) => t.name));
    for (const t of header.tables) expect(t.rows, t.name).toBe(await count(source.database, t.name));
    expect(header.tables.find((t) => t.name === 'audit_log')!.rows).toBeGreaterThan(40);

    const fks = await source.database.raw<{ child: string; parent: string }>(
      `SELECT c.relname::text AS child, p.relname::text AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> 'sessions' AND c.relname <> p.relname`,
    );
    const position = new Map(header.tables.map((t, i) => [t.name, i]));
    for (const fk of fks) expect(position.get(fk.parent)!, `${fk.child} -> ${fk.parent}`).toBeLessThan(position.get(fk.child)!);

    const migrations = await source.database.raw<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at');
    expect(header.migrations.map((m) => m.hash)).toEqual(migrations.map((m) => m.hash));
    expect(header.migrations[0]!.tag).toBe('0000_foundation');

    // Body: a {table} line then exactly that many rows, per table, then the end marker; values typed as JSON.
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
    let i = 1;
    for (const t of header.tables) {
      expect(JSON.parse(lines[i]!)).toEqual({ table: t.name, rows: t.rows });
      i += 1 + t.rows;
    }
    expect(JSON.parse(lines[i]!)).toEqual({ end: true, tables: header.tables.length, rows: header.tables.reduce((n, t) => n + t.rows, 0) });
    expect(lines.length).toBe(i + 1);
    const auditRow = JSON.parse(lines.find((l) => l.includes('"test.filler"'))!) as Record<string, unknown>;
    expect(auditRow.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    expect(typeof auditRow.id).toBe('number');
    expect(auditRow.after).toMatchObject({ text: expect.stringMatching(/^第\d+行$/) });
    expect(lines.some((l) => l.includes('"value":12345678901234567'))).toBe(true); // exact, not rounded through a JS number
  });

  it('never overwrites an existing file', async () => {
    await expect(backupDatabase(source.database, backupFile)).rejects.toThrow(/already exists/);
  });
});

describe('restore', () => {
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  let header: BackupHeader;

  it('restores every row into a fresh database, continues the sequences and keeps the audit chain intact', async () => {
    target = await freshDatabase();
    const summary = await restoreDatabase(target.database, backupFile, { batchRows: 5 });
    header = summary.header;
    expect(summary.audit).toMatchObject({ ok: true, rows: header.tables.find((t) => t.name === 'audit_log')!.rows });
    expect(summary.replaced).toBe(false);
    expect(await dump(target.database)).toEqual(await dump(source.database));
    expect(await count(target.database, 'sessions')).toBe(0);

    // The restored database serves the app: passwords work, new ids follow the restored ones, history continues.
    const maxUnit = Number((await target.database.raw<{ m: number }>('SELECT max(id)::int AS m FROM units'))[0]!.m);
    const maxAudit = Number((await target.database.raw<{ m: number }>('SELECT max(id)::int AS m FROM audit_log'))[0]!.m);
    const app = await buildApp({ config: source.config, database: target.database, services: createServices(target.database) });
    try {
      const recovered = await signIn(app, 'recovery.admin', RECOVERY_PASSWORD);
      const created = await recovered.request('POST', '/api/units', { name: '恢复后新建单位', kind: 'department', regionId: 1, parentId: 1 });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().id).toBe(maxUnit + 1);
      const history = await target.database.raw<{ id: number }>("SELECT id::int AS id FROM audit_log WHERE action = 'unit.created' ORDER BY id DESC LIMIT 1");
      expect(Number(history[0]!.id)).toBeGreaterThan(maxAudit);
      const verify = await recovered.request('POST', '/api/audit/verify');
      expect(verify.json()).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
  });

  it('refuses a database that is not empty unless forced, then replaces everything', async () => {
    const unitsBefore = await count(target.database, 'units');
    await expect(restoreDatabase(target.database, backupFile)).rejects.toThrow(RestoreRefused);
    await expect(restoreDatabase(target.database, backupFile)).rejects.toThrow(/not empty.*--force/);
    expect(await count(target.database, 'units')).toBe(unitsBefore);
    expect(await count(target.database, 'sessions')).toBeGreaterThan(0);

    const summary = await restoreDatabase(target.database, backupFile, { force: true });
    expect(summary.replaced).toBe(true);
    expect(summary.audit.ok).toBe(true);
    expect(await dump(target.database)).toEqual(await dump(source.database));
    expect(await count(target.database, 'sessions')).toBe(0);
    // The append-only guard is active again after the restore.
    await expect(target.database.raw('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
    await expect(target.database.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    // And sequences are reset again (the extra unit of the previous test is gone).
    const [next] = await target.database.raw<{ id: number }>(
      "INSERT INTO units (name, kind, region_id, path) VALUES ('序列检查', 'other', 1, '') RETURNING id",
    );
    expect(Number(next!.id)).toBe(header.sequences.find((s) => s.table === 'units')!.next);
  });

  it('refuses a backup from a newer schema and damaged files, leaving the target untouched', async () => {
    const empty = await freshDatabase();
    const newer = rewriteBackup(backupFile, path.join(tmp, 'newer.ndjson.gz'), ([first, ...rest]) => {
      const h = JSON.parse(first!) as BackupHeader;
      h.migrations.push({ hash: 'f'.repeat(64), createdAt: 4_102_444_800_000, tag: '9999_from_the_future' });
      return [JSON.stringify(h), ...rest];
    });
    await expect(restoreDatabase(empty.database, newer)).rejects.toThrow(/newer.*9999_from_the_future/);

    const edited = rewriteBackup(backupFile, path.join(tmp, 'edited.ndjson.gz'), ([first, ...rest]) => {
      const h = JSON.parse(first!) as BackupHeader;
      h.migrations[0]!.hash = 'e'.repeat(64);
      return [JSON.stringify(h), ...rest];
    });
    await expect(restoreDatabase(empty.database, edited)).rejects.toThrow(/different build.*0000_foundation/);

    const cut = rewriteBackup(backupFile, path.join(tmp, 'cut.ndjson.gz'), (lines) => lines.slice(0, -3));
    await expect(restoreDatabase(empty.database, cut)).rejects.toThrow(/incomplete|ends/);
    const badRow = rewriteBackup(backupFile, path.join(tmp, 'bad-row.ndjson.gz'), (lines) =>
      lines.map((l) => (l.includes('"action":"test.filler"') && l.includes('"entity_id":"3"') ? l.replace('"action":"test.filler"', '"action":null') : l)),
    );
    await expect(restoreDatabase(empty.database, badRow)).rejects.toThrow(/cannot restore table audit_log .*null value/);
    const halfGzip = path.join(tmp, 'half.ndjson.gz');
    const bytes = readFileSync(backupFile);
    writeFileSync(halfGzip, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreDatabase(empty.database, halfGzip)).rejects.toThrow(CliError);
    const notBackup = path.join(tmp, 'not-a-backup.gz');
    writeFileSync(notBackup, gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase(empty.database, notBackup)).rejects.toThrow(/not a ducha backup/);
    await expect(restoreDatabase(empty.database, path.join(tmp, 'missing.gz'))).rejects.toThrow(/does not exist/);

    for (const table of ['users', 'units', 'regions', 'audit_log']) expect(await count(empty.database, table), table).toBe(0);
  });

  it('audit verify reports a tampered history row', async () => {
    const io = captureIo();
    expect(await auditVerify(target.database.db, io)).toBe(0);
    expect(io.outLines[0]).toMatch(/^audit chain OK: \d+ rows$/);

    const [victim] = await target.database.raw<{ id: number }>("SELECT id::int AS id FROM audit_log WHERE action = 'user.created' ORDER BY id LIMIT 1");
    const id = Number(victim!.id);
    await target.database.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await tx.execute(sql`UPDATE audit_log SET after = jsonb_set(after, '{displayName}', '"篡改"') WHERE id = ${id}`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    });
    const broken = captureIo();
    expect(await auditVerify(target.database.db, broken)).toBe(1);
    expect(broken.outLines[0]).toBe(`audit chain BROKEN at row ${id} (content)`);
  });

  it('create-admin checks its input', async () => {
    await expect(createAdmin(target.database, { username: 'weak.admin', unitId: 1, password: 'Password1!' })).rejects.toThrow(/too weak/);
    await expect(createAdmin(target.database, { username: 'x', unitId: 1, password: RECOVERY_PASSWORD })).rejects.toThrow(/invalid username/);
    await expect(createAdmin(target.database, { username: 'lost.admin', unitId: 999_999, password: RECOVERY_PASSWORD })).rejects.toThrow(/no unit/);
    await expect(createAdmin(target.database, { username: 'admin', unitId: 1, password: RECOVERY_PASSWORD })).rejects.toThrow(/taken/);
  });

  it.runIf(pgAdminUrl)('runs the commands against PostgreSQL through DATABASE_URL', async () => {
    const fresh = await freshDatabase();
    const env = { DATABASE_URL: fresh.url! };
    const file = path.join(tmp, 'via-cli-pg.ndjson.gz');
    const restore = captureIo(env);
    expect(await runCli(['restore', backupFile], restore), restore.errLines.join('\n')).toBe(0);
    expect(restore.outLines.at(-1)).toMatch(/^audit chain OK/);
    const backup = captureIo(env);
    expect(await runCli(['backup', file], backup), backup.errLines.join('\n')).toBe(0);
    const verify = captureIo(env);
    expect(await runCli(['audit', 'verify'], verify)).toBe(0);
    expect(await dump(fresh.database)).toEqual(await dump(source.database));
  });
});

/** `node --import tsx src/server/cli/ducha.ts ...` with PGlite in `dataDir`. */
function ducha(args: string[], dataDir: string, extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DUCHA_DATA_DIR: dataDir, DATABASE_URL: '', ...extraEnv };
    if (!('DUCHA_ADMIN_PASSWORD' in extraEnv)) delete env.DUCHA_ADMIN_PASSWORD;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/ducha.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 55_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the ducha command (child process, PGlite)', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(tmp, 'cli-data');
  });

  it('restores into a new PGlite folder, verifies, and backs up again', async () => {
    const restored = await ducha(['restore', backupFile], dataDir);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/restored \d+ rows in \d+ tables/);
    expect(restored.stdout).toMatch(/audit chain OK: \d+ rows/);

    const verified = await ducha(['audit', 'verify'], dataDir);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout.trim()).toMatch(/^audit chain OK: \d+ rows$/);

    const again = path.join(tmp, 'from-pglite.ndjson.gz');
    const backedUp = await ducha(['backup', again], dataDir);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(/^backup written: /);
    // Round trip through the CLI's PGlite (in PostgreSQL mode: PostgreSQL -> PGlite -> PostgreSQL) changes nothing.
    const copy = await freshDatabase();
    await restoreDatabase(copy.database, again);
    expect(await dump(copy.database)).toEqual(await dump(source.database));

    const twice = await ducha(['backup', again], dataDir);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already exists/);
  });

  it('creates an administrator and refuses a weak password', async () => {
    const created = await ducha(['create-admin', '--username', 'cli.admin', '--unit-id', '1'], dataDir, { DUCHA_ADMIN_PASSWORD: RECOVERY_PASSWORD });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/administrator "cli.admin" created/);
    const weak = await ducha(['create-admin', '--username', 'cli.admin2', '--unit-id', '1'], dataDir, { DUCHA_ADMIN_PASSWORD: 'admin12345' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/too weak/);
  });

  it('answers usage errors with exit code 2 and help with 0', async () => {
    const unknown = await ducha(['frobnicate'], dataDir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const missing = await ducha(['create-admin', '--username', 'someone'], dataDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --unit-id/);
    const help = await ducha(['restore', '--help'], dataDir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--force/);
  });

  it.runIf(process.platform === 'linux')('refuses a PGlite database another process has open', async () => {
    const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
    try {
      const refused = await ducha(['audit', 'verify'], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      await database.close();
    }
    const missing = await ducha(['audit', 'verify'], path.join(tmp, 'no-such-dir'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/there is no database at/);
  });
});

// Last: it changes the source database the other tests compare against.
describe('backup while the application writes (PostgreSQL)', () => {
  it.runIf(pgAdminUrl)('takes one consistent snapshot while the application keeps writing', async () => {
    const unitsBefore = await count(source.database, 'units');
    const auditBefore = await count(source.database, 'audit_log');
    const file = path.join(tmp, 'concurrent.ndjson.gz');
    let writes = 0;
    await backupDatabase(source.database, file, {
      pageSize: 3,
      afterPage: async () => {
        if (writes >= 3) return;
        writes += 1;
        const res = await admin.request('POST', '/api/units', { name: `并发写入 ${writes}`, kind: 'department', regionId: 1, parentId: 1 });
        expect(res.statusCode, res.body).toBe(201);
      },
    });
    expect(writes).toBe(3);
    expect(await count(source.database, 'units')).toBe(unitsBefore + 3);
    const header = await readBackupHeader(file);
    expect(header.tables.find((t) => t.name === 'units')!.rows).toBe(unitsBefore);
    expect(header.tables.find((t) => t.name === 'audit_log')!.rows).toBe(auditBefore);
    const copy = await freshDatabase();
    const summary = await restoreDatabase(copy.database, file);
    expect(summary.audit).toMatchObject({ ok: true, rows: auditBefore });
  });
});
