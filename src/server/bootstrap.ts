import { createInterface } from 'node:readline/promises';
import { sql } from 'drizzle-orm';
import { checkPassword } from '../domain/password-policy.js';
import { regionLevelOf } from '../domain/region-code.js';
import { passwordProblemCatalog } from '../shared/i18n/errors.js';
import { translate } from '../shared/i18n/translate.js';
import { recordChange } from './audit/record-change.js';
import { hashPassword } from './auth/passwords.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { users } from './db/schema.js';
import { seedDemo, type DemoUser } from './seed/demo.js';
import { seedDemoProblems } from './seed/demo-problems.js';
import { buildRegion, buildUnit, buildUser } from './seed/builders.js';
import type { Services } from './services.js';

export type BootstrapResult =
  | { kind: 'existing' }
  | { kind: 'demo'; users: DemoUser[]; password: string }
  | { kind: 'first-admin'; username: string };

async function ask(question: string, envName: string, env: NodeJS.ProcessEnv): Promise<string> {
  const value = env[envName];
  if (value) return value;
  if (!process.stdin.isTTY) throw new Error(`missing: ${question} (set ${envName} in the environment; see README)`);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`${question}: `)).trim();
  } finally {
    rl.close();
  }
}

/**
 * First start on an empty database: install the shipped calendars, then either seed the demo county or create
 * the first administrator (password from DUCHA_ADMIN_PASSWORD or an interactive prompt).
 */
export async function bootstrap(
  database: Database,
  services: Services,
  config: Config,
  env = process.env,
  options: { demoProblems?: boolean } = {},
): Promise<BootstrapResult> {
  await services.calendar.installShippedYears();
  const [count] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((count?.n ?? 0) > 0) return { kind: 'existing' };
  if (config.demo) {
    const seeded = await seedDemo(database);
    if (options.demoProblems !== false) await seedDemoProblems(database, services);
    return { kind: 'demo', ...seeded };
  }

  const regionCode = await ask('Region code of the district/county (行政区划代码, 6 digits)', 'DUCHA_REGION_CODE', env);
  if (!regionLevelOf(regionCode)) throw new Error(`invalid region code: ${regionCode}`);
  const regionName = await ask('Region name (行政区划名称)', 'DUCHA_REGION_NAME', env);
  const unitName = env.DUCHA_ROOT_UNIT_NAME ?? `${regionName}人民政府`;
  const username = (env.DUCHA_ADMIN_USERNAME ?? 'admin').toLowerCase();
  const password = await ask(`Password for the first administrator "${username}"`, 'DUCHA_ADMIN_PASSWORD', env);
  const verdict = checkPassword(password, { username });
  if (!verdict.ok)
    throw new Error(`the administrator password is too weak: ${verdict.problems.map((p) => translate(passwordProblemCatalog, 'en', p)).join('; ')}`);
  const passwordHash = await hashPassword(password);
  await database.transaction(async (tx) => {
    const region = await buildRegion(tx, { code: regionCode, name: regionName });
    const unit = await buildUnit(tx, { name: unitName, kind: 'party_gov_office', regionId: region.id });
    const admin = await buildUser(tx, { username, displayName: '系统管理员', unitId: unit.id, roles: ['admin'], passwordHash });
    await recordChange(tx, { id: null, name: 'system' }, {
      action: 'system.installed',
      entityType: 'system',
      entityId: 'install',
      after: { region: { code: regionCode, name: regionName }, rootUnit: unitName, admin: { id: admin.id, username } },
    });
  });
  return { kind: 'first-admin', username };
}
