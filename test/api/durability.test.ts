import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { pgAdminUrl } from '../helpers/context.js';

/**
 * The embedded PGlite must keep every write the API acknowledged when the server process dies without warning.
 * PGlite's transaction() resolves before syncing its files (pglite#1065); Database.transaction syncs explicitly after
 * the commit, and this test kills the real server with SIGKILL right after the last acknowledged write.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UNITS = 8;

interface Server {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | string | null>;
}

const started: Server[] = [];
let tmp: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** `node --import tsx src/server/main.ts` in its own process group, so the whole group can be killed. */
async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DUCHA_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DUCHA_DEMO: '1',
      LOG_LEVEL: 'warn',
      DUCHA_WEB_DIR: path.join(dataDir, 'no-web'),
    },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const server: Server = { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
  started.push(server);

  const deadline = Date.now() + 60_000;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the server exited during start:\n${output}`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function killGroup(server: Server, signal: NodeJS.Signals) {
  try {
    process.kill(-server.child.pid!, signal);
  } catch {
    // already gone
  }
}

async function signIn(server: Server) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  expect(cookie).toContain('ducha_sid=');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method: string, url: string, body?: unknown) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

afterAll(async () => {
  for (const s of started) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      killGroup(s, 'SIGKILL');
      await s.exited;
    }
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(pgAdminUrl)('PGlite durability', () => {
  it(
    'keeps every acknowledged write when the server is killed with SIGKILL',
    async () => {
      tmp = mkdtempSync(path.join(tmpdir(), 'ducha-durability-'));
      const dataDir = path.join(tmp, 'data');

      const first = await startServer(dataDir);
      const api = await signIn(first);
      const acknowledged: { id: number; name: string }[] = [];
      for (let i = 1; i <= UNITS; i++) {
        const name = `断电测试单位 ${i}`;
        const res = await api('POST', '/api/units', { name, kind: 'department', regionId: 1, parentId: 1 });
        expect(res.status, await res.clone().text()).toBe(201);
        const { id } = (await res.json()) as { id: number };
        acknowledged.push({ id, name });
      }
      // The moment the last write is acknowledged, pull the plug: no shutdown handler runs, nothing is flushed. A few
      // more writes are in flight; they may or may not have committed, but never half.
      const inFlight = [1, 2, 3].map((i) =>
        api('POST', '/api/units', { name: `在途单位 ${i}`, kind: 'department', regionId: 1, parentId: 1 }).catch(() => undefined),
      );
      killGroup(first, 'SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      await Promise.all(inFlight);

      const second = await startServer(dataDir);
      const api2 = await signIn(second);
      for (const unit of acknowledged) {
        const res = await api2('GET', `/api/units/${unit.id}`);
        expect(res.status, `unit ${unit.id} after the restart`).toBe(200);
        expect(((await res.json()) as { name: string }).name).toBe(unit.name);
        const history = await api2('GET', `/api/audit?entityType=unit&entityId=${unit.id}&action=unit.created`);
        expect(((await history.json()) as { total: number }).total, `history of unit ${unit.id}`).toBe(1);
      }
      const search = async (q: string) =>
        ((await (await api2('GET', `/api/units?includeDisabled=true&q=${encodeURIComponent(q)}`)).json()) as { items: { id: number }[] }).items;
      expect((await search('断电测试单位')).map((u) => u.id).sort()).toEqual(acknowledged.map((u) => u.id).sort());
      const all = { items: await search('在途单位') };
      for (const unit of all.items) {
        const history = await api2('GET', `/api/audit?entityType=unit&entityId=${unit.id}&action=unit.created`);
        expect(((await history.json()) as { total: number }).total, `history of in-flight unit ${unit.id}`).toBe(1);
      }
      const verify = await api2('POST', '/api/audit/verify');
      expect(verify.status).toBe(200);
      expect(await verify.json()).toMatchObject({ ok: true });

      killGroup(second, 'SIGTERM');
      await second.exited;
    },
    120_000,
  );
});
