import { AlignmentType, LineRuleType, Paragraph, type TableCell } from 'docx';
import { chineseDate, chineseDateOr } from '../../domain/reports/chinese-date.js';
import { blank, body, cell, FONT, officialDocument, packDocument, run, SIZE, table, title } from './gbt9704.js';

/**
 * 销号申请表/验收表: the closing form of one problem, with the five closing steps (自查、核查、公示、归档、备案) filled in
 * from what was recorded in the loop; a step not reached yet reads "（尚未进行）". Pure.
 */

export interface ClosingFormData {
  /** the office the form is kept by (shown above the table) */
  issuer: string;
  /** 'YYYY-MM-DD' the form was printed */
  printedOn: string;
  problem: {
    code: string;
    title: string;
    description: string;
    source: string;
    round: string | null;
    batch: string | null;
    plan: string | null;
    category: string;
    region: string;
    address: string | null;
    leadUnit: string | null;
    cooperatingUnits: string[];
    leader: string | null;
    responsiblePerson: string | null;
    responsiblePhone: string | null;
    deadlineKindLabel: string;
    deadlineInForce: string | null;
    originalDeadline: string | null;
    extended: boolean;
    status: string;
    /** the rectification round the form is about (2 and more after a rebound) */
    rectificationRound: number;
    goal: string | null;
    measures: string | null;
    closingCriteria: string[];
    latestProgress: string | null;
    lastReportOn: string | null;
    milestones: { seq: number; title: string; dueOn: string; doneOn: string | null }[];
  };
  selfCheck: {
    items: { criterion: string; statement: string; evidenceCount: number }[];
    signedBy: string;
    signedUnit: string | null;
    signedOn: string;
  } | null;
  verification: {
    verifier: string;
    verifierUnit: string | null;
    assignedOn: string;
    onSiteRecord: string | null;
    /** pass | fail, or null while it is under way */
    result: 'pass' | 'fail' | null;
    reasons: string | null;
    decidedOn: string | null;
    evidenceCount: number;
  } | null;
  notice: {
    startsOn: string;
    endsOn: string;
    /** open | ended | withdrawn */
    status: string;
    objections: { receivedOn: string; content: string; decision: 'pending' | 'upheld' | 'dismissed'; decisionNote: string | null }[];
  } | null;
  archive: { archivedOn: string; files: number; manifestSha256: string } | null;
  filing: { number: string; date: string } | null;
}

export const NOT_YET = '（尚未进行）';

const COLUMNS = [17, 33, 17, 33];

const label = (text: string, span?: number) => cell(text, { align: 'center', font: FONT.heading, span, shade: true });
const value = (text: string | null | undefined, span?: number) => cell(text && text.trim() ? text : '—', { span });
const section = (text: string) => [cell(text, { span: 4, font: FONT.heading, size: SIZE.si, shade: true })];
const notYet = () => [cell(NOT_YET, { span: 4, align: 'center' })];

function deadlineText(p: ClosingFormData['problem']): string {
  if (!p.deadlineInForce) return p.deadlineKindLabel;
  const extended = p.extended && p.originalDeadline && p.originalDeadline !== p.deadlineInForce ? `\n（经批准延期，原时限${chineseDate(p.originalDeadline)}）` : '';
  return `${chineseDate(p.deadlineInForce)}${extended}`;
}

function milestoneText(ms: ClosingFormData['problem']['milestones']): string {
  if (!ms.length) return '—';
  return ms.map((m) => `${m.seq}. ${m.title}（计划${chineseDate(m.dueOn)}，${m.doneOn ? `${chineseDate(m.doneOn)}完成` : '未完成'}）`).join('\n');
}

const DECISION: Record<string, string> = { pending: '待处理', upheld: '异议成立，退回重新核查', dismissed: '异议不成立' };
const NOTICE_STATUS: Record<string, string> = { open: '公示中', ended: '公示期满', withdrawn: '已撤回' };

function basicRows(p: ClosingFormData['problem']): TableCell[][] {
  return [
    section('一、问题基本情况'),
    [label('问题编号'), value(p.code), label('问题来源'), value(p.source)],
    [label('督察轮次'), value([p.round, p.batch].filter(Boolean).join(' ') || null), label('问题类型'), value(p.category)],
    [label('问题简述'), value(p.title, 3)],
    [label('问题描述'), value(p.description, 3)],
    [label('行政区划'), value(p.region), label('地址'), value(p.address)],
    [label('牵头单位'), value(p.leadUnit), label('配合单位'), value(p.cooperatingUnits.join('、') || null)],
    [label('责任领导'), value(p.leader), label('责任人'), value([p.responsiblePerson, p.responsiblePhone].filter(Boolean).join(' ') || null)],
    [label('整改时限'), value(deadlineText(p)), label('整改状态'), value(p.rectificationRound > 1 ? `${p.status}（第${p.rectificationRound}轮整改）` : p.status)],
    ...(p.plan ? [[label('整改方案'), value(p.plan, 3)]] : []),
  ];
}

function measureRows(p: ClosingFormData['problem']): TableCell[][] {
  return [
    section('二、整改措施及完成情况'),
    [label('整改目标'), value(p.goal, 3)],
    [label('整改措施'), value(p.measures, 3)],
    [label('时间节点'), value(milestoneText(p.milestones), 3)],
    [label('最新进展'), value(p.latestProgress ? `${p.latestProgress}${p.lastReportOn ? `\n（${chineseDate(p.lastReportOn)}报送）` : ''}` : null, 3)],
  ];
}

function selfCheckRows(s: ClosingFormData['selfCheck']): TableCell[][] {
  const rows = [section('三、自查情况（整改单位自查，单位负责人签字）')];
  if (!s) return [...rows, notYet()];
  s.items.forEach((item, i) =>
    rows.push([label(`验收标准${i + 1}`), value(`${item.criterion}\n自查情况：${item.statement}\n佐证材料：${item.evidenceCount}份`, 3)]),
  );
  rows.push([label('单位负责人'), value(s.signedUnit ? `${s.signedBy}（${s.signedUnit}）` : s.signedBy), label('签字日期'), value(chineseDate(s.signedOn))]);
  return rows;
}

function verificationRows(v: ClosingFormData['verification']): TableCell[][] {
  const rows = [section('四、核查情况（非整改单位现场核查，谁验收谁负责）')];
  if (!v) return [...rows, notYet()];
  const result = v.result === 'pass' ? '核查通过' : v.result === 'fail' ? `核查不通过${v.reasons ? `：${v.reasons}` : ''}` : '核查中';
  rows.push(
    [label('核查人'), value(v.verifier), label('核查单位'), value(v.verifierUnit)],
    [label('现场核查记录'), value(v.onSiteRecord ? `${v.onSiteRecord}\n核查佐证材料：${v.evidenceCount}份` : null, 3)],
    [label('核查结论'), value(result), label('核查日期'), value(chineseDateOr(v.decidedOn))],
  );
  return rows;
}

function noticeRows(n: ClosingFormData['notice']): TableCell[][] {
  const rows = [section('五、公示情况')];
  if (!n) return [...rows, notYet()];
  const objections = n.objections.length
    ? n.objections
        .map((o, i) => `${i + 1}. ${chineseDate(o.receivedOn)}收到：${o.content}\n   处理结果：${DECISION[o.decision] ?? o.decision}${o.decisionNote ? `（${o.decisionNote}）` : ''}`)
        .join('\n')
    : '公示期间未收到异议';
  rows.push(
    [label('公示期'), value(`${chineseDate(n.startsOn)}至${chineseDate(n.endsOn)}`), label('公示状态'), value(NOTICE_STATUS[n.status] ?? n.status)],
    [label('异议及处理'), value(objections, 3)],
  );
  return rows;
}

function archiveRows(a: ClosingFormData['archive']): TableCell[][] {
  const rows = [section('六、归档情况')];
  if (!a) return [...rows, notYet()];
  rows.push(
    [label('归档日期'), value(chineseDate(a.archivedOn)), label('归档材料'), value(`${a.files}份（逐份附SHA-256校验值）`)],
    [label('清单校验值'), value(`SHA-256：${a.manifestSha256}`, 3)],
  );
  return rows;
}

function filingRows(f: ClosingFormData['filing']): TableCell[][] {
  const rows = [section('七、备案情况（已备案即完成销号）')];
  if (!f) return [...rows, notYet()];
  rows.push([label('备案号'), value(f.number), label('备案日期'), value(chineseDate(f.date))]);
  return rows;
}

/** The form's title. */
export const CLOSING_FORM_TITLE = '生态环境保护督察整改问题销号申请表';

/** Build the .docx. */
export async function buildClosingForm(data: ClosingFormData): Promise<Buffer> {
  const p = data.problem;
  const meta = new Paragraph({
    children: [run(`填报单位：${p.leadUnit ?? '—'}`, { size: SIZE.xiaosi }), run(`    问题编号：${p.code}`, { size: SIZE.xiaosi })],
    alignment: AlignmentType.LEFT,
    spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  });
  const rows = [...basicRows(p), ...measureRows(p), ...selfCheckRows(data.selfCheck), ...verificationRows(data.verification), ...noticeRows(data.notice), ...archiveRows(data.archive), ...filingRows(data.filing)];
  const children = [
    title(CLOSING_FORM_TITLE),
    body([run('（验收表）', { font: FONT.subheading })], { indent: false, align: 'center' }),
    blank(),
    meta,
    table(COLUMNS, rows),
    new Paragraph({
      children: [run(`注：本表由平台根据问题全过程记录自动生成，${data.issuer}留存备查。打印日期：${chineseDate(data.printedOn)}。`, { size: SIZE.wu })],
      spacing: { line: 360, lineRule: LineRuleType.EXACT, before: 120, after: 0 },
    }),
  ];
  return packDocument(officialDocument({ title: `${CLOSING_FORM_TITLE}（${p.code}）`, subject: '销号申请表/验收表', children }));
}
