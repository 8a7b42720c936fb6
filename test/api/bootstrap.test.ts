import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';
import { openTestDatabase } from '../helpers/context.js';

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

const noDemo = { ...loadConfig({ DUCHA_DEMO: '0' }) };

describe('first start', () => {
  it('creates the demo county when demo data is on', async () => {
    const t = await openTestDatabase();
    drop = t.drop;
    const result = await bootstrap(t.database, createServices(t.database), loadConfig({}), {});
    expect(result.kind).toBe('demo');
    const counts = await t.database.raw<{ units: number; users: number; roles: number }>(
      'SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM users) AS users, (SELECT count(DISTINCT role)::int FROM user_roles) AS roles',
    );
    expect(counts[0]).toEqual({ units: 25, users: 10, roles: 7 });
    // Restarting on the same data does nothing.
    expect((await bootstrap(t.database, createServices(t.database), loadConfig({}), {})).kind).toBe('existing');
  });

  it('with DUCHA_DEMO=0 creates only the first administrator, from the environment', async () => {
    const t = await openTestDatabase();
    drop = t.drop;
    const env = { DUCHA_REGION_CODE: '330106', DUCHA_REGION_NAME: '西湖区', DUCHA_ADMIN_PASSWORD: 'West-Lake-2026!' };
    const result = await bootstrap(t.database, createServices(t.database), noDemo, env);
    expect(result).toEqual({ kind: 'first-admin', username: 'admin' });
    const users = await t.database.raw<{ username: string; unit: string }>(
      'SELECT u.username, un.name AS unit FROM users u JOIN units un ON un.id = u.unit_id',
    );
    expect(users).toEqual([{ username: 'admin', unit: '西湖区人民政府' }]);
    const calendars = await t.database.raw<{ n: number }>('SELECT count(*)::int AS n FROM calendar_years');
    expect(calendars[0]!.n).toBe(3);
  });

  it('refuses a weak first administrator password and creates nothing', async () => {
    const t = await openTestDatabase();
    drop = t.drop;
    const env = { DUCHA_REGION_CODE: '330106', DUCHA_REGION_NAME: '西湖区', DUCHA_ADMIN_PASSWORD: 'admin' };
    await expect(bootstrap(t.database, createServices(t.database), noDemo, env)).rejects.toThrow(/too weak/);
    expect((await t.database.raw<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n).toBe(0);
  });

  it('requires the password when there is no terminal to ask', async () => {
    const t = await openTestDatabase();
    drop = t.drop;
    const env = { DUCHA_REGION_CODE: '330106', DUCHA_REGION_NAME: '西湖区' };
    await expect(bootstrap(t.database, createServices(t.database), noDemo, env)).rejects.toThrow(/DUCHA_ADMIN_PASSWORD|missing/);
  });
});
