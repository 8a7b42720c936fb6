import { sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access.js';
import type { CreateProblemInput } from '../../shared/api/problems.js';
import type { Role } from '../../shared/roles.js';
import type { Database } from '../db/client.js';
import type { Services } from '../services.js';
import { acknowledgeProblem } from '../usecases/problems/acknowledge-problem.js';
import { assignProblem } from '../usecases/problems/assign-problem.js';
import { reportProgress } from '../usecases/problems/report-progress.js';
import { createProblem } from '../usecases/problems/save-problem.js';
import { createPlan, createRound, createBatch } from '../usecases/rounds-and-plans.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

async function actorOf(database: Database, username: string): Promise<Actor> {
  const [row] = rowsOf<{ id: number; display_name: string; unit_id: number; unit_path: string; region_id: number; region_path: string; roles: Role[] }>(
    await database.db.execute(sql`
      SELECT u.id, u.display_name, u.unit_id, un.path AS unit_path, r.id AS region_id, r.path AS region_path,
             (SELECT array_agg(role) FROM user_roles WHERE user_id = u.id) AS roles
      FROM users u JOIN units un ON un.id = u.unit_id JOIN regions r ON r.id = un.region_id WHERE u.username = ${username}`),
  );
  if (!row) throw new Error(`demo user ${username} missing`);
  return { userId: row.id, username, displayName: row.display_name, unitId: row.unit_id, unitPath: row.unit_path, regionId: row.region_id, regionPath: row.region_path, roles: row.roles };
}

const unitIdOf = async (database: Database, shortOrName: string) =>
  rowsOf<{ id: number }>(await database.db.execute(sql`SELECT id FROM units WHERE short_name = ${shortOrName} OR name = ${shortOrName}`))[0]!.id;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface DemoProblem {
  title: string;
  description: string;
  category: CreateProblemInput['category'];
  source: CreateProblemInput['source'];
  lead: string;
  cooperating?: string[];
  handler: string;
  /** days from today to the deadline; null = 长期坚持; 'now' = 立行立改 */
  due: number | null | 'now';
  stage: 'registered' | 'assigned' | 'acknowledged' | 'rectifying';
  flagged?: boolean;
}

const demoProblems: DemoProblem[] = [
  { title: '白沙河入河排污口雨污混排', description: '督察发现白沙河东岸 3 处排口晴天仍有生活污水排出，周边群众反映有异味。', category: 'water', source: 'central_inspection', lead: '县水利局', cooperating: ['白沙镇人民政府'], handler: 'handler.water', due: 120, stage: 'rectifying', flagged: true },
  { title: '县城污水处理厂出水总磷超标', description: '清源污水处理厂 2026 年 5 月以来多次出水总磷超过一级 A 标准。', category: 'water', source: 'central_inspection', lead: '县住建局', handler: 'handler.housing', due: -20, stage: 'rectifying', flagged: true },
  { title: '白沙镇化工园区无组织排放', description: '宏达化工有限公司原料堆场未全封闭，装卸作业粉尘和异味明显。', category: 'air', source: 'undercover_check', lead: '白沙镇人民政府', cooperating: ['县生态环境局'], handler: 'handler.town1', due: 3, stage: 'rectifying' },
  { title: '城区建筑工地夜间施工噪声扰民', description: '群众多次举报东湖街道两处工地夜间施工噪声扰民。', category: 'noise', source: 'complaint', lead: '县住建局', cooperating: ['东湖街道办事处'], handler: 'handler.housing', due: 30, stage: 'acknowledged' },
  { title: '白沙镇畜禽养殖粪污直排', description: '白沙生态养殖合作社粪污未经处理直排附近沟渠。', category: 'water', source: 'grid_patrol', lead: '白沙镇人民政府', cooperating: ['县农业农村局'], handler: 'handler.town1', due: 'now', stage: 'assigned' },
  { title: '云台乡非法采砂破坏河道生态', description: '云台乡河段存在夜间非法采砂，河床破坏严重。', category: 'ecology', source: 'provincial_inspection', lead: '县水利局', cooperating: ['县公安局', '云台乡人民政府'], handler: 'handler.water', due: -60, stage: 'rectifying', flagged: true },
  { title: '长江流域禁渔期非法垂钓', description: '禁渔期间东湖水域仍有非法垂钓和电鱼行为，需长期坚持巡查。', category: 'yangtze_fishing_ban', source: 'warning_film', lead: '县农业农村局', handler: 'handler.water', due: null, stage: 'registered' },
  { title: '化工企业危险废物贮存不规范', description: '宏达化工危废暂存间未设置防渗和标识，台账不全。', category: 'solid_waste', source: 'bureau_bulletin', lead: '县生态环境局', cooperating: ['白沙镇人民政府'], handler: 'handler.water', due: 45, stage: 'registered' },
  { title: '城区河道水体黑臭反弹', description: '城关街道内河段入夏后出现黑臭现象。', category: 'water', source: 'self_inspection', lead: '县城管局', cooperating: ['城关街道办事处'], handler: 'handler.housing', due: 200, stage: 'registered' },
  { title: '自然保护地内违规建设农家乐', description: '县级自然保护区实验区内存在 2 处违规建设的农家乐。', category: 'protected_area', source: 'central_inspection', lead: '县自然资源局', cooperating: ['县林业局'], handler: 'handler.water', due: 90, stage: 'assigned' },
];

/**
 * Demo problems at different stages and deadlines, driven through the real use cases (so codes, timelines,
 * history and warnings are exactly what users will get), plus a round with batches and a plan.
 */
export async function seedDemoProblems(database: Database, services: Services): Promise<number> {
  const ctx = { database, services };
  const coordinator = await actorOf(database, 'coordinator');
  const round = await createRound(database, coordinator, { name: '第三轮中央生态环境保护督察', kind: 'central', year: 2026 });
  await createBatch(database, coordinator, round.id, { number: 1, receivedOn: '2026-04-12' });
  await createBatch(database, coordinator, round.id, { number: 2, receivedOn: '2026-04-19' });
  const plan = await createPlan(database, coordinator, { name: '青溪县第三轮中央生态环境保护督察反馈问题整改总体方案', kind: 'overall', yearlyTargets: { '2026': 6, '2027': 4 } });
  const today = services.clock.today();
  for (const d of demoProblems) {
    const lead = await unitIdOf(database, d.lead);
    const cooperating = await Promise.all((d.cooperating ?? []).map((u) => unitIdOf(database, u)));
    const deadlineKind = d.due === null ? 'ongoing' : d.due === 'now' ? 'immediate' : 'date';
    const deadline = typeof d.due === 'number' ? addDays(today, d.due) : null;
    const created = await createProblem(ctx, coordinator, {
      source: d.source,
      roundId: d.source === 'central_inspection' ? round.id : null,
      planId: plan.id,
      category: d.category,
      title: d.title,
      description: d.description,
      regionId: coordinator.regionId,
      leadUnitId: lead,
      cooperatingUnitIds: cooperating,
      goal: '问题彻底整改到位，建立长效机制',
      measures: '制定整改方案；落实责任人；定期调度；整改完成后申请验收',
      closingCriteria: deadlineKind === 'ongoing' ? [] : ['整改措施全部落实', '违法行为依法查处', '整改结果符合法律和技术标准', '举一反三完成同类问题排查', '建立长效机制'],
      milestones: deadline ? [{ title: '完成整改方案制定', dueOn: addDays(today, Math.min(-5, (typeof d.due === 'number' ? d.due : 0) - 60)) }, { title: '完成主体工程', dueOn: addDays(deadline, -10) }] : [],
      deadlineKind,
      deadline,
      flagged: d.flagged ?? false,
      flagLevel: d.flagged ? 'county' : null,
      isPublic: true,
      responsiblePerson: '张明',
      responsiblePhone: '0570-6012345',
    });
    if (d.stage === 'registered') continue;
    await assignProblem(ctx, coordinator, created.id, {});
    if (d.stage === 'assigned') continue;
    const handler = await actorOf(database, d.handler);
    await acknowledgeProblem(ctx, handler, created.id, {});
    if (d.stage === 'acknowledged') continue;
    const reached = rowsOf<{ id: number }>(await database.db.execute(sql`SELECT id FROM milestones WHERE problem_id = ${created.id} AND due_on < ${today}`)).map((m) => m.id);
    await reportProgress(ctx, handler, created.id, { text: '已制定整改方案，明确责任人和时间节点，正在组织实施。', milestoneIdsDone: reached, evidenceIds: [] });
  }
  return demoProblems.length;
}
