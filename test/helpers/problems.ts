import { createHash } from 'node:crypto';
import type { TestContext } from './context.js';
import { unitId } from './context.js';

/** A registration body for the demo county with sensible defaults; override what a test is about. */
export async function problemInput(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  return {
    source: 'central_inspection',
    category: 'water',
    title: '白沙河入河排污口整治不到位',
    description: '督察发现白沙河沿线 3 处雨污混排口仍有生活污水直排。',
    regionId: 1,
    address: '白沙镇白沙河东岸',
    leadUnitId: await unitId(ctx, '县水利局'),
    cooperatingUnitIds: [await unitId(ctx, '白沙镇人民政府')],
    goal: '消除直排，水质稳定达标',
    measures: '截污纳管；排口封堵；每周巡查',
    closingCriteria: ['3 处排口全部完成截污', '连续 3 个月监测达标'],
    milestones: [
      { title: '完成排口排查', dueOn: '2026-03-31' },
      { title: '完成截污纳管', dueOn: '2026-06-30' },
    ],
    deadlineKind: 'date',
    deadline: '2026-09-30',
    isPublic: true,
    ...overrides,
  };
}

/**
 * Evidence rows as the upload endpoint writes them (content-addressed by SHA-256), for tests of the loop itself.
 * The upload path has its own tests in evidence.test.ts.
 */
export async function addEvidence(ctx: TestContext, problemId: number, uploadedBy: number, kind: 'photo' | 'document', purpose: string, content = `${problemId}-${purpose}-${Math.random()}`) {
  const sha = createHash('sha256').update(content).digest('hex');
  const rows = await ctx.database.raw<{ id: number }>(
    `INSERT INTO evidence (problem_id, rectification_round, sha256, size, mime_type, original_name, kind, purpose, uploaded_by)
     VALUES ($1, (SELECT rectification_round FROM problems WHERE id = $1), $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [problemId, sha, content.length, kind === 'photo' ? 'image/jpeg' : 'application/pdf', kind === 'photo' ? '现场照片.jpg' : '自查报告.pdf', kind, purpose, uploadedBy],
  );
  return Number(rows[0]!.id);
}
