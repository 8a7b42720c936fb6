import { checkPassword } from '../../domain/password-policy.js';
import { computeUsccCheckChar } from '../../domain/uscc.js';
import type { Role, UnitKind } from '../../shared/roles.js';
import { recordChange } from '../audit/record-change.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/client.js';
import { buildRegion, buildUnit, buildUser } from './builders.js';

/** Every demo user signs in with this; it is printed at start and documented in the README. */
export const DEMO_PASSWORD = 'Qingxi@2026';

/** A fictional county (青溪县, code 339901) with towns, departments, enterprises and a user for every role. */
export const DEMO_COUNTY = { code: '339901', name: '青溪县' };

const towns = [
  { code: '339901001', name: '城关街道', unit: '城关街道办事处' },
  { code: '339901002', name: '白沙镇', unit: '白沙镇人民政府' },
  { code: '339901003', name: '石门镇', unit: '石门镇人民政府' },
  { code: '339901004', name: '云台乡', unit: '云台乡人民政府' },
  { code: '339901005', name: '东湖街道', unit: '东湖街道办事处' },
];

const departments: { name: string; short: string; kind?: UnitKind }[] = [
  { name: '青溪县生态环境保护督察整改工作领导小组办公室', short: '县督察办', kind: 'inspection_office' },
  { name: '青溪县生态环境局', short: '县生态环境局' },
  { name: '青溪县水利局', short: '县水利局' },
  { name: '青溪县住房和城乡建设局', short: '县住建局' },
  { name: '青溪县城市管理局', short: '县城管局' },
  { name: '青溪县农业农村局', short: '县农业农村局' },
  { name: '青溪县经济和信息化局', short: '县经信局' },
  { name: '青溪县自然资源和规划局', short: '县自然资源局' },
  { name: '青溪县交通运输局', short: '县交通运输局' },
  { name: '青溪县林业局', short: '县林业局' },
  { name: '青溪县卫生健康局', short: '县卫健局' },
  { name: '青溪县市场监督管理局', short: '县市场监管局' },
  { name: '青溪县应急管理局', short: '县应急管理局' },
  { name: '青溪县发展和改革局', short: '县发改局' },
  { name: '青溪县公安局', short: '县公安局' },
];

const enterprises = [
  { name: '青溪县宏达化工有限公司', town: 1, body: '91339901MA2H7K3L' },
  { name: '青溪县清源污水处理有限公司', town: 0, body: '91339901MA2J5N8P' },
  { name: '青溪县石门建材有限公司', town: 2, body: '91339901MA2K9Q4R' },
  { name: '青溪县白沙生态养殖专业合作社', town: 1, body: '93339901MA2L2T6W' },
];

/** The 17-character body plus its computed check character: valid codes for fictional enterprises. */
const usccFor = (body: string) => {
  const first17 = body.padEnd(17, '0').slice(0, 17);
  return first17 + computeUsccCheckChar(first17);
};

export interface DemoUser {
  username: string;
  displayName: string;
  unit: string;
  roles: Role[];
}

export const demoUsers: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', unit: '青溪县人民政府', roles: ['admin'] },
  { username: 'coordinator', displayName: '周督办', unit: '县督察办', roles: ['coordinator'] },
  { username: 'verifier', displayName: '吴核查', unit: '县生态环境局', roles: ['verifier'] },
  { username: 'handler.water', displayName: '李水清', unit: '县水利局', roles: ['unit_handler'] },
  { username: 'head.water', displayName: '王局长', unit: '县水利局', roles: ['unit_head'] },
  { username: 'handler.housing', displayName: '陈建华', unit: '县住建局', roles: ['unit_handler'] },
  { username: 'head.housing', displayName: '赵局长', unit: '县住建局', roles: ['unit_head'] },
  { username: 'handler.town1', displayName: '孙白沙', unit: '白沙镇人民政府', roles: ['unit_handler', 'unit_head'] },
  { username: 'leader', displayName: '刘副县长', unit: '青溪县人民政府', roles: ['leader'] },
  { username: 'grid.town1', displayName: '郑网格', unit: '白沙镇人民政府', roles: ['grid_staff'] },
];

export async function seedDemo(database: Database): Promise<{ users: DemoUser[]; password: string }> {
  if (!checkPassword(DEMO_PASSWORD, {}).ok) throw new Error('demo password violates the policy');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.transaction(async (tx) => {
    const county = await buildRegion(tx, { code: DEMO_COUNTY.code, name: DEMO_COUNTY.name });
    const townRegions = [];
    for (const t of towns) townRegions.push(await buildRegion(tx, { code: t.code, name: t.name, parentId: county.id }));
    const gov = await buildUnit(tx, { name: '青溪县人民政府', shortName: '县政府', kind: 'party_gov_office', regionId: county.id });
    const byName = new Map<string, number>([['青溪县人民政府', gov.id]]);
    for (const d of departments) {
      const u = await buildUnit(tx, { name: d.name, shortName: d.short, kind: d.kind ?? 'department', regionId: county.id, parentId: gov.id });
      byName.set(d.short, u.id);
    }
    const townUnits = [];
    for (const [i, t] of towns.entries()) {
      const u = await buildUnit(tx, { name: t.unit, kind: 'town', regionId: townRegions[i]!.id, parentId: gov.id });
      byName.set(t.unit, u.id);
      townUnits.push(u);
    }
    for (const e of enterprises) {
      await buildUnit(tx, {
        name: e.name,
        kind: 'enterprise',
        uscc: usccFor(e.body),
        regionId: townRegions[e.town]!.id,
        parentId: townUnits[e.town]!.id,
      });
    }
    for (const u of demoUsers) {
      await buildUser(tx, { username: u.username, displayName: u.displayName, unitId: byName.get(u.unit)!, roles: u.roles, passwordHash });
    }
    await recordChange(tx, { id: null, name: 'system' }, {
      action: 'system.demo_seeded',
      entityType: 'system',
      entityId: 'demo',
      after: { county: DEMO_COUNTY, towns: towns.length, departments: departments.length, enterprises: enterprises.length, users: demoUsers.map((u) => u.username) },
    });
  });
  return { users: demoUsers, password: DEMO_PASSWORD };
}
