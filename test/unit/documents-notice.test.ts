import { describe, expect, it } from 'vitest';
import { charSpace, fitSize, SIZE, textWidthChars } from '../../src/server/documents/gbt9704.js';
import { buildSupervisionNotice, deadlineSentence, noticeTitle, warningSentence, type NoticeProblem, type SupervisionNoticeData } from '../../src/server/documents/supervision-notice.js';
import { docxParts, documentText, expectInOrder, expectOfficialPage, partXml } from '../helpers/docx.js';

const problem: NoticeProblem = {
  code: 'DC339901-2026-0002',
  title: '县城污水处理厂出水总磷超标',
  description: '清源污水处理厂 2026 年 5 月以来多次出水总磷超过一级 A 标准。',
  source: '中央生态环境保护督察',
  round: '第三轮中央生态环境保护督察 第1批',
  leadUnit: '青溪县住房和城乡建设局',
  cooperatingUnits: ['城关街道办事处'],
  deadlineKindLabel: '限期整改',
  deadlineInForce: '2026-11-03',
  originalDeadline: '2026-10-15',
  extended: true,
  warningLight: 'severe',
  warningReason: '已超过整改时限',
  workingDaysOverdue: 14,
  workingDaysLeft: null,
  measures: '提标改造；加强运行管理',
  latestProgress: '已完成除磷药剂投加系统改造。',
};

const data: SupervisionNoticeData = {
  kind: 'problem',
  issuer: '青溪县生态环境保护督察整改工作领导小组办公室',
  documentNumber: '青督办〔2026〕3号',
  issuedOn: '2026-11-23',
  recipients: ['青溪县住房和城乡建设局', '城关街道办事处'],
  problems: [problem],
  replyBy: '2026-11-30',
  note: '请同步报送在线监测数据',
  contact: { name: '周督办', phone: '0570-6012345' },
};

describe('督办通知单 about one problem', () => {
  it('reads, in order: issuer, 文号, title, 主送, the facts, the requirements, signature and date', async () => {
    const docx = await buildSupervisionNotice(data);
    const text = documentText(docx);
    expectInOrder(text, [
      '青溪县生态环境保护督察整改工作领导小组办公室',
      '青督办〔2026〕3号',
      '关于加快推进“县城污水处理厂出水总磷超标”问题整改的督办通知',
      '青溪县住房和城乡建设局、城关街道办事处：',
      '一、问题基本情况',
      '问题编号：DC339901-2026-0002',
      '问题来源：中央生态环境保护督察（第三轮中央生态环境保护督察 第1批）',
      '问题描述：清源污水处理厂',
      '牵头单位：青溪县住房和城乡建设局；配合单位：城关街道办事处',
      '二、整改时限及预警情况',
      '整改时限为2026年11月3日（经批准延期，原时限为2026年10月15日）',
      '截至2026年11月23日，已逾期14个工作日，预警等级为红灯（严重逾期，已超过整改时限）',
      '三、整改措施及进展',
      '整改措施：提标改造；加强运行管理。',
      '最新进展：已完成除磷药剂投加系统改造。',
      '四、督办要求',
      '请于2026年11月30日前报送整改进展',
      '另：请同步报送在线监测数据。',
      '联系人：周督办，联系电话：0570-6012345。',
      '青溪县生态环境保护督察整改工作领导小组办公室',
      '2026年11月23日',
      '2026年11月23日印发',
    ]);
  });

  it('sets the page, the grid and the fonts of GB/T 9704', async () => {
    const xml = partXml(await buildSupervisionNotice(data));
    expectOfficialPage(xml);
    // issuer mark: red 小标宋; title 2号 (44 half-points) 小标宋; body 仿宋_GB2312 3号
    expect(xml).toMatch(/<w:rFonts w:ascii="方正小标宋简体" w:cs="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体" w:hint="eastAsia"\/><w:color w:val="FF0000"\/>/);
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    expect(xml).toMatch(/w:eastAsia="黑体"/);
    // the red separator line
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="1"\/>/);
    // body lines exactly 28.95 pt, first line indented two characters
    expect(xml).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    expect(xml).toMatch(/<w:ind w:firstLine="632"\/>/);
    const styles = partXml(await buildSupervisionNotice(data), 'word/styles.xml');
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
  });

  it('numbers pages "— N —" in 4号 宋体 outside: odd pages right, even pages left', async () => {
    const docx = await buildSupervisionNotice(data);
    const parts = docxParts(docx);
    const footers = Object.keys(parts).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => partXml(docx, n));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
      expect(f).toContain('— </w:t>');
      expect(f).toContain(' —</w:t>');
      expect(f).toMatch(/w:eastAsia="宋体"[^>]*\/><w:sz w:val="28"\/>/);
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
    expect(partXml(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('gives every Chinese font a fallback in the font table', async () => {
    const fonts = partXml(await buildSupervisionNotice(data), 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(fonts).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
  });

  it('is a well-formed package: content types first, the main parts present', async () => {
    const docx = await buildSupervisionNotice(data);
    const names = Object.keys(docxParts(docx));
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/settings.xml', 'word/fontTable.xml', '_rels/.rels']));
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });

  it('leaves out what was not given', async () => {
    const text = documentText(await buildSupervisionNotice({ ...data, note: null, contact: null, problems: [{ ...problem, measures: null, latestProgress: null, round: null, cooperatingUnits: [], extended: false, originalDeadline: null }] }));
    expect(text).not.toContain('另：');
    expect(text).not.toContain('联系人');
    expect(text).toContain('整改措施：（未填报）');
    expect(text).toContain('最新进展：尚未报送整改进展。');
    expect(text).toContain('问题来源：中央生态环境保护督察。');
    expect(text).toContain('整改时限为2026年11月3日。');
  });

  it('refuses a notice about nothing', async () => {
    await expect(buildSupervisionNotice({ ...data, problems: [] })).rejects.toThrow(RangeError);
  });
});

describe('督办通知单 to a unit', () => {
  const unitData: SupervisionNoticeData = {
    ...data,
    kind: 'unit',
    documentNumber: '青督办〔2026〕4号',
    recipients: ['青溪县水利局'],
    unitName: '青溪县水利局',
    problems: [
      { ...problem, code: 'DC339901-2026-0006', title: '云台乡非法采砂破坏河道生态', warningLight: 'severe', workingDaysOverdue: 40 },
      { ...problem, code: 'DC339901-2026-0001', title: '白沙河入河排污口雨污混排', warningLight: 'red', workingDaysOverdue: 3, extended: false },
      { ...problem, code: 'DC339901-2026-0009', title: '配合整改的问题', warningLight: 'yellow', workingDaysOverdue: null, workingDaysLeft: 2, role: 'cooperating', deadlineInForce: '2026-11-25' },
    ],
  };

  it('lists the warned problems in a table after a count by light', async () => {
    const text = documentText(await buildSupervisionNotice(unitData));
    expectInOrder(text, [
      '青督办〔2026〕4号',
      '关于加快推进预警问题整改的督办通知',
      '青溪县水利局：',
      '有3个亮灯预警（其中牵头2个），逾期2个（其中严重逾期1个）、临期1个',
      '序号',
      '逾期工作日',
      'DC339901-2026-0006',
      '云台乡非法采砂破坏河道生态',
      '2026年11月3日（已延期）',
      '红灯',
      '40',
      'DC339901-2026-0001',
      '2026年11月3日',
      '3',
      'DC339901-2026-0009',
      '配合整改的问题（配合）',
      '黄灯',
      '—',
      '一、督办要求',
      '加快推进上述问题整改',
      '2026年11月23日',
    ]);
  });
});

describe('sentences and helpers', () => {
  it('states deadlines of every kind', () => {
    expect(deadlineSentence({ ...problem, extended: false })).toBe('整改时限为2026年11月3日');
    expect(deadlineSentence({ ...problem, deadlineInForce: null, deadlineKindLabel: '长期坚持' })).toBe('该问题为长期坚持类问题，须按期报送阶段性进展');
    expect(deadlineSentence({ ...problem, deadlineInForce: null, deadlineKindLabel: '立行立改' })).toBe('整改时限：立行立改');
  });
  it('states warnings', () => {
    expect(warningSentence({ ...problem, warningLight: 'yellow', workingDaysOverdue: null, workingDaysLeft: 2, warningReason: null }, '2026-11-23')).toBe(
      '截至2026年11月23日，距到期尚余2个工作日，预警等级为黄灯（临期）',
    );
    expect(warningSentence({ ...problem, warningLight: 'green', workingDaysOverdue: null, workingDaysLeft: null, warningReason: null }, '2026-11-23')).toBe('截至2026年11月23日，预警等级为绿灯（正常）');
  });
  it('titles both kinds', () => {
    expect(noticeTitle({ kind: 'problem', problems: [problem] })).toBe('关于加快推进“县城污水处理厂出水总磷超标”问题整改的督办通知');
    expect(noticeTitle({ kind: 'unit', problems: [problem] })).toBe('关于加快推进预警问题整改的督办通知');
  });
  it('fits the issuer mark to the type area', () => {
    expect(fitSize('青溪县督察办')).toBe(SIZE.chu); // short: as large as allowed
    expect(fitSize('青溪县生态环境保护督察整改工作领导小组办公室')).toBe(40); // 22 chars in 442 pt → 20 pt
    expect(fitSize('一'.repeat(60))).toBe(36); // never below 小2号 (18 pt)
  });
  it('measures half-width characters as half', () => {
    expect(textWidthChars('2026年11月23日')).toBe(7);
    expect(textWidthChars('县督察办')).toBe(4);
  });
  it('squeezes 28 characters into a line of the grid', () => {
    expect(charSpace()).toBeGreaterThan(-900);
    expect(charSpace()).toBeLessThan(-800);
  });
});
