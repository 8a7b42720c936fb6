import { computeUsccCheckChar, USCC_CHARSET } from '../src/domain/uscc.js';
import type { Role, UnitKind } from '../src/shared/roles.js';
import { recordChange } from '../src/server/audit/record-change.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import type { Database } from '../src/server/db/client.js';
import { childPath } from '../src/server/usecases/tree-paths.js';
import { mulberry32 } from '../src/domain/sampling.js';

/**
 * Synthetic organisation for the benchmark: one fictional county (云溪县, 339902) with ~20 towns, a 3-level unit
 * tree and about two users per unit. Rows are shaped exactly as src/server/seed/builders.ts makes them (same
 * columns, materialized paths "/1/5/12/", one user_roles row per role, an argon2id hash) but written with a few
 * bulk INSERT … SELECT FROM unnest(…) statements instead of one builder call per row.
 */

/** Every generated user signs in with this (it satisfies the password policy; it only ever exists in bench data). */
export const BENCH_PASSWORD = 'Yunxi@Bench-2026';

export const BENCH_COUNTY = { code: '339902', name: '云溪县' };

/** Usernames of the actors the operations run as. */
export const BENCH_ACTORS = {
  admin: 'bench.admin',
  coordinator: 'bench.coordinator',
  townHandler: 'bench.town',
} as const;

export interface Scale {
  /** Problems in the generated ledger (bench/problems.ts); the organisation grows with it. */
  problems: number;
  units: number;
  towns: number;
}

export function scaleFor(problems: number): Scale {
  return { problems, units: Math.max(200, Math.round(problems / 50)), towns: TOWNS.length };
}

export interface Generated {
  regions: number;
  units: number;
  users: number;
  userRoles: number;
  /** Users by role, for the report. */
  roles: Record<string, number>;
  /** Units below (and including) the town handler's town: the "small subtree". */
  townSubtreeUnits: number;
  /** Usernames the sign-in operation rotates through (all with BENCH_PASSWORD). */
  signInUsers: string[];
  ms: number;
  /** the problem ledger, when --problems > 0 (see problems.ts) */
  problemsGenerated?: import('./problems.js').GeneratedProblems;
}

/** The same deterministic PRNG the look-back sampling uses: the same seed gives the same data on every machine. */
export { mulberry32 };

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

/** Index chosen with probability proportional to its weight. */
function pickWeighted(rng: Rng, cumulative: readonly number[]): number {
  const x = rng() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const TOWNS = [
  '城南街道', '城北街道', '西湖街道', '溪口镇', '青山镇', '双河镇', '桃源镇', '龙泉镇', '梅岭镇', '白石镇',
  '金滩镇', '清水镇', '松林乡', '竹溪乡', '云峰乡', '枫林乡', '石桥镇', '凤凰镇', '长乐镇', '高田乡',
];

const DEPARTMENTS = [
  '生态环境局', '水利局', '住房和城乡建设局', '城市管理局', '农业农村局', '经济和信息化局', '自然资源和规划局',
  '交通运输局', '林业局', '卫生健康局', '市场监督管理局', '应急管理局', '发展和改革局', '公安局', '财政局',
];

const SUB_UNITS = ['监测站', '执法大队', '管理站', '服务中心', '所', '中队', '事务中心', '检测中心'];
const FIRM_WORDS = ['宏达', '清源', '恒信', '华美', '永昌', '嘉禾', '新兴', '金盛', '瑞丰', '绿洲', '天成', '鑫源', '东方', '百川'];
const FIRM_TRADES = ['化工', '建材', '纺织', '食品', '造纸', '养殖', '电镀', '印染', '砂石', '污水处理', '制药', '印刷'];
const FIRM_FORMS = ['有限公司', '有限责任公司', '股份有限公司', '专业合作社', '厂'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国志文斌海波晨宇欣怡浩然子涵梓轩雨婷'];

interface RegionRow {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  path: string;
}

interface UnitRow {
  id: number;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  uscc: string | null;
  regionId: number;
  parentId: number | null;
  path: string;
  contactPhone: string | null;
}

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  phone: string | null;
  roles: Role[];
}

/** Reserve `n` ids from a table's serial sequence, in order. */
async function reserveIds(database: Database, table: string, n: number): Promise<number[]> {
  const rows = await database.raw<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS id FROM generate_series(1, $1::int) ORDER BY 1`,
    [n],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Insert rows column-wise: INSERT INTO t (a, b) SELECT * FROM unnest($1::int[], $2::text[]). One statement per
 * chunk, whatever the number of columns, and no parameter-count limit to worry about.
 */
async function bulkInsert(
  database: Database,
  table: string,
  columns: readonly (readonly [name: string, pgType: string])[],
  rows: readonly (readonly unknown[])[],
  chunk = 5_000,
): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const text = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${unnest})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    await database.raw(text, columns.map((_, c) => slice.map((row) => row[c] ?? null)));
  }
}

function usccFor(rng: Rng, seq: number, divisionCode: string): string {
  // 9 + 1 (企业) + division + a 9-character organisation code that is unique by construction (base-31 sequence).
  let org = '';
  for (let n = seq; org.length < 5; n = Math.floor(n / 31)) org = USCC_CHARSET[n % 31]! + org;
  for (let i = 0; i < 4; i++) org += pick(rng, [...USCC_CHARSET]);
  const first17 = `91${divisionCode}${org}`;
  return first17 + computeUsccCheckChar(first17);
}

const phoneOf = (rng: Rng) => `1${pick(rng, ['3', '5', '7', '8', '9'])}${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`;
const personName = (rng: Rng) => pick(rng, SURNAMES) + pick(rng, GIVEN) + (chance(rng, 0.6) ? pick(rng, GIVEN) : '');

/** Generate the organisation into an empty, migrated database. */
export async function generate(database: Database, options: { scale: Scale; seed: number }): Promise<Generated> {
  const started = performance.now();
  const rng = mulberry32(options.seed);
  const { scale } = options;

  // Regions: the county and its towns.
  const regionIds = await reserveIds(database, 'regions', 1 + TOWNS.length);
  const countyId = regionIds[0]!;
  const regions: RegionRow[] = [
    { id: countyId, code: BENCH_COUNTY.code, name: BENCH_COUNTY.name, level: 'county', parentId: null, path: childPath(null, countyId) },
  ];
  TOWNS.forEach((name, i) => {
    const id = regionIds[i + 1]!;
    const code = `${BENCH_COUNTY.code}${String(i + 1).padStart(3, '0')}`;
    regions.push({ id, code, name, level: 'town', parentId: countyId, path: childPath(regions[0]!.path, id) });
  });
  const townRegions = regions.slice(1);

  // Units, level 1: the county government; level 2: the inspection office, departments and towns;
  // level 3: enterprises under towns and sub-units (站所) under departments, filling up to scale.units.
  const unitIds = await reserveIds(database, 'units', scale.units);
  let nextUnit = 0;
  const units: UnitRow[] = [];
  const addUnit = (u: Omit<UnitRow, 'id' | 'path'>, parentPath: string | null): UnitRow => {
    const id = unitIds[nextUnit++]!;
    const row = { ...u, id, path: childPath(parentPath, id) };
    units.push(row);
    return row;
  };
  const county = BENCH_COUNTY.name;
  const unitBase = { uscc: null, contactPhone: null };
  const gov = addUnit({ ...unitBase, name: `${county}人民政府`, shortName: '县政府', kind: 'party_gov_office', regionId: countyId, parentId: null }, null);
  const office = addUnit(
    { ...unitBase, name: `${county}生态环境保护督察整改工作领导小组办公室`, shortName: '县督察办', kind: 'inspection_office', regionId: countyId, parentId: gov.id },
    gov.path,
  );
  const departments = DEPARTMENTS.map((d) =>
    addUnit({ ...unitBase, name: `${county}${d}`, shortName: `县${d}`, kind: 'department', regionId: countyId, parentId: gov.id }, gov.path),
  );
  const towns = townRegions.map((r) =>
    addUnit(
      { ...unitBase, name: `${r.name}${r.name.endsWith('街道') ? '办事处' : '人民政府'}`, shortName: r.name, kind: 'town', regionId: r.id, parentId: gov.id, contactPhone: phoneOf(rng) },
      gov.path,
    ),
  );
  const regionOfTown = new Map(towns.map((t, i) => [t.id, townRegions[i]!]));
  // Uneven subtree sizes: each parent gets a random weight, so some towns have many enterprises and some few.
  const cumulative = (n: number) => {
    const out: number[] = [];
    for (let i = 0, sum = 0; i < n; i++) out.push((sum += 0.5 + rng() * 3));
    return out;
  };
  const townWeights = cumulative(towns.length);
  const departmentWeights = cumulative(departments.length);
  let enterpriseSeq = 0;
  while (nextUnit < scale.units) {
    if (chance(rng, 0.75)) {
      const town = towns[pickWeighted(rng, townWeights)]!;
      const region = regionOfTown.get(town.id)!;
      const name = `${county}${pick(rng, FIRM_WORDS)}${pick(rng, FIRM_TRADES)}${pick(rng, FIRM_FORMS)}`;
      addUnit(
        {
          name,
          shortName: null,
          kind: 'enterprise',
          uscc: usccFor(rng, enterpriseSeq++, BENCH_COUNTY.code),
          regionId: region.id,
          parentId: town.id,
          contactPhone: chance(rng, 0.7) ? phoneOf(rng) : null,
        },
        town.path,
      );
    } else {
      const dept = departments[pickWeighted(rng, departmentWeights)]!;
      const place = pick(rng, TOWNS).replace(/(街道|镇|乡)$/, '');
      addUnit(
        { ...unitBase, name: `${dept.name}${place}${pick(rng, SUB_UNITS)}`, shortName: null, kind: 'other', regionId: countyId, parentId: dept.id },
        dept.path,
      );
    }
  }

  // Users: two per unit, roles by the kind of unit; the named benchmark actors are the first user of their unit.
  const rolesFor = (unit: UnitRow, slot: 0 | 1): Role[] => {
    if (unit.id === gov.id) return slot === 0 ? ['admin'] : ['leader'];
    if (unit.id === office.id) return ['coordinator'];
    if (unit.id === departments[0]!.id) return slot === 0 ? ['verifier'] : ['unit_handler', 'unit_head'];
    if (slot === 0) return ['unit_handler'];
    if (unit.kind === 'town') return pick(rng, [['unit_head'], ['grid_staff'], ['unit_handler', 'unit_head']] as Role[][]);
    return chance(rng, 0.2) ? ['unit_handler', 'unit_head'] : ['unit_head'];
  };
  const named = new Map<string, string>([
    [`${gov.id}:0`, BENCH_ACTORS.admin],
    [`${office.id}:0`, BENCH_ACTORS.coordinator],
    [`${towns[0]!.id}:0`, BENCH_ACTORS.townHandler],
  ]);
  const userIds = await reserveIds(database, 'users', units.length * 2);
  const users: UserRow[] = [];
  for (const unit of units) {
    for (const slot of [0, 1] as const) {
      const id = userIds[users.length]!;
      users.push({
        id,
        username: named.get(`${unit.id}:${slot}`) ?? `u${String(id).padStart(6, '0')}`,
        displayName: personName(rng),
        unitId: unit.id,
        phone: chance(rng, 0.8) ? phoneOf(rng) : null,
        roles: rolesFor(unit, slot),
      });
    }
  }

  // One argon2id hash (the same parameters as production), shared by every user: hashing is deliberately slow.
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  await bulkInsert(
    database,
    'regions',
    [['id', 'int'], ['code', 'text'], ['name', 'text'], ['level', 'text'], ['parent_id', 'int'], ['path', 'text']],
    regions.map((r) => [r.id, r.code, r.name, r.level, r.parentId, r.path]),
  );
  await bulkInsert(
    database,
    'units',
    [['id', 'int'], ['name', 'text'], ['short_name', 'text'], ['kind', 'text'], ['uscc', 'text'], ['region_id', 'int'], ['parent_id', 'int'], ['path', 'text'], ['contact_phone', 'text']],
    units.map((u) => [u.id, u.name, u.shortName, u.kind, u.uscc, u.regionId, u.parentId, u.path, u.contactPhone]),
  );
  await bulkInsert(
    database,
    'users',
    [['id', 'int'], ['username', 'text'], ['display_name', 'text'], ['unit_id', 'int'], ['password_hash', 'text'], ['phone', 'text'], ['must_change_password', 'boolean']],
    users.map((u) => [u.id, u.username, u.displayName, u.unitId, passwordHash, u.phone, false]),
  );
  const roleRows = users.flatMap((u) => u.roles.map((role) => [u.id, role] as const));
  await bulkInsert(database, 'user_roles', [['user_id', 'int'], ['role', 'text']], roleRows);

  await database.transaction((tx) =>
    recordChange(tx, { id: null, name: 'system' }, {
      action: 'system.bench_seeded',
      entityType: 'system',
      entityId: 'bench',
      after: { county: BENCH_COUNTY, seed: options.seed, problems: scale.problems, units: units.length, users: users.length },
    }),
  );
  // Fresh statistics and visibility maps, as autovacuum would eventually produce, so that neither plans nor an
  // autovacuum worker change in the middle of a run.
  await database.raw('VACUUM ANALYZE');

  const roles: Record<string, number> = {};
  for (const [, role] of roleRows) roles[role] = (roles[role] ?? 0) + 1;
  const townPath = towns[0]!.path;
  // A fixed, spread-out sample of ordinary users for sign-in, so sign-ins do not all hit the same row.
  const ordinary = users.filter((u) => !u.username.startsWith('bench.'));
  const step = Math.max(1, Math.floor(ordinary.length / 64));
  return {
    regions: regions.length,
    units: units.length,
    users: users.length,
    userRoles: roleRows.length,
    roles,
    townSubtreeUnits: units.filter((u) => u.path.startsWith(townPath)).length,
    signInUsers: ordinary.filter((_, i) => i % step === 0).slice(0, 64).map((u) => u.username),
    ms: performance.now() - started,
  };
}
