import { describe, expect, it } from 'vitest';
import { buildClosingForm, CLOSING_FORM_TITLE, NOT_YET, type ClosingFormData } from '../../src/server/documents/closing-form.js';
import { documentText, expectInOrder, expectOfficialPage, partXml } from '../helpers/docx.js';

const base: ClosingFormData = {
  issuer: '青溪县生态环境保护督察整改工作领导小组办公室',
  printedOn: '2026-11-23',
  problem: {
    code: 'DC339901-2026-0001',
    title: '白沙河入河排污口雨污混排',
    description: '督察发现白沙河东岸 3 处排口晴天仍有生活污水排出。',
    source: '中央生态环境保护督察',
    round: '第三轮中央生态环境保护督察',
    batch: '第1批',
    plan: '青溪县整改总体方案',
    category: '水',
    region: '青溪县',
    address: '白沙镇白沙河东岸',
    leadUnit: '青溪县水利局',
    cooperatingUnits: ['白沙镇人民政府', '县生态环境局'],
    leader: '刘副县长',
    responsiblePerson: '张明',
    responsiblePhone: '0570-6012345',
    deadlineKindLabel: '限期整改',
    deadlineInForce: '2026-09-30',
    originalDeadline: '2026-08-31',
    extended: true,
    status: '已销号',
    rectificationRound: 1,
    goal: '消除直排，水质稳定达标',
    measures: '截污纳管；排口封堵；每周巡查',
    closingCriteria: ['3 处排口全部完成截污', '连续 3 个月监测达标'],
    latestProgress: '3 处排口截污完成。',
    lastReportOn: '2026-08-20',
    milestones: [
      { seq: 1, title: '完成排口排查', dueOn: '2026-03-31', doneOn: '2026-03-20' },
      { seq: 2, title: '完成截污纳管', dueOn: '2026-06-30', doneOn: null },
    ],
  },
  selfCheck: {
    items: [
      { criterion: '3 处排口全部完成截污', statement: '已完成', evidenceCount: 2 },
      { criterion: '连续 3 个月监测达标', statement: '6—8 月监测达标', evidenceCount: 1 },
    ],
    signedBy: '王局长',
    signedUnit: '青溪县水利局',
    signedOn: '2026-09-01',
  },
  verification: {
    verifier: '吴核查',
    verifierUnit: '青溪县生态环境局',
    assignedOn: '2026-09-02',
    onSiteRecord: '现场核查 3 处排口，均已封堵',
    result: 'pass',
    reasons: null,
    decidedOn: '2026-09-05',
    evidenceCount: 3,
  },
  notice: {
    startsOn: '2026-09-06',
    endsOn: '2026-09-12',
    status: 'ended',
    objections: [{ receivedOn: '2026-09-08', content: '下游仍有异味', decision: 'dismissed', decisionNote: '经复核为上游来水' }],
  },
  archive: { archivedOn: '2026-09-15', files: 7, manifestSha256: 'ab'.repeat(32) },
  filing: { number: '青督改备〔2026〕12号', date: '2026-09-20' },
};

describe('销号申请表/验收表', () => {
  it('fills the five steps in order from the records', async () => {
    const text = documentText(await buildClosingForm(base));
    expectInOrder(text, [
      CLOSING_FORM_TITLE,
      '（验收表）',
      '填报单位：青溪县水利局',
      '一、问题基本情况',
      '问题编号',
      'DC339901-2026-0001',
      '问题来源',
      '中央生态环境保护督察',
      '第三轮中央生态环境保护督察 第1批',
      '白沙河入河排污口雨污混排',
      '牵头单位',
      '青溪县水利局',
      '白沙镇人民政府、县生态环境局',
      '2026年9月30日',
      '（经批准延期，原时限2026年8月31日）',
      '二、整改措施及完成情况',
      '截污纳管；排口封堵；每周巡查',
      '1. 完成排口排查（计划2026年3月31日，2026年3月20日完成）',
      '2. 完成截污纳管（计划2026年6月30日，未完成）',
      '3 处排口截污完成。',
      '（2026年8月20日报送）',
      '三、自查情况',
      '验收标准1',
      '3 处排口全部完成截污',
      '佐证材料：2份',
      '王局长（青溪县水利局）',
      '2026年9月1日',
      '四、核查情况',
      '吴核查',
      '青溪县生态环境局',
      '现场核查 3 处排口，均已封堵',
      '核查通过',
      '2026年9月5日',
      '五、公示情况',
      '2026年9月6日至2026年9月12日',
      '公示期满',
      '1. 2026年9月8日收到：下游仍有异味',
      '处理结果：异议不成立（经复核为上游来水）',
      '六、归档情况',
      '2026年9月15日',
      '7份（逐份附SHA-256校验值）',
      `SHA-256：${'ab'.repeat(32)}`,
      '七、备案情况',
      '青督改备〔2026〕12号',
      '2026年9月20日',
      '打印日期：2026年11月23日',
    ]);
    expect(text).not.toContain(NOT_YET);
  });

  it('shows a step not reached yet as （尚未进行）', async () => {
    const open: ClosingFormData = { ...base, problem: { ...base.problem, status: '整改中' }, selfCheck: null, verification: null, notice: null, archive: null, filing: null };
    const text = documentText(await buildClosingForm(open));
    expect(text.split(NOT_YET)).toHaveLength(6);
    expectInOrder(text, ['三、自查情况', NOT_YET, '四、核查情况', NOT_YET, '五、公示情况', NOT_YET, '六、归档情况', NOT_YET, '七、备案情况', NOT_YET]);
  });

  it('states a failed verification with its reasons, a notice without objections, and a later rectification round', async () => {
    const text = documentText(
      await buildClosingForm({
        ...base,
        problem: { ...base.problem, rectificationRound: 2, status: '整改中' },
        verification: { ...base.verification!, result: 'fail', reasons: '1 处排口仍有渗漏', decidedOn: null },
        notice: { ...base.notice!, objections: [], status: 'open' },
      }),
    );
    expect(text).toContain('整改中（第2轮整改）');
    expect(text).toContain('核查不通过：1 处排口仍有渗漏');
    expect(text).toContain('公示期间未收到异议');
    expect(text).toContain('公示中');
  });

  it('is a table form on the official page, in 仿宋 with 黑体 labels', async () => {
    const xml = partXml(await buildClosingForm(base));
    expectOfficialPage(xml);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toMatch(/<w:gridSpan w:val="3"\/>/);
    expect(xml).toMatch(/<w:gridSpan w:val="4"\/>/);
    expect(xml).toMatch(/w:eastAsia="黑体"/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
  });
});
