import { chineseDate, chineseOrdinal } from '../../domain/reports/chinese-date.js';
import { blank, body, cell, heading, imprint, issuerMark, numberAndSeparator, officialDocument, packDocument, recipients, signature, subheading, table, title } from './gbt9704.js';

/**
 * 督办通知单: the written supervision notice the coordinator sends a unit about one problem, or about all the warned
 * problems of a unit (domain.md §6 督办单/催办). Pure: everything it shows arrives in the data.
 */

export type WarningLight = 'green' | 'yellow' | 'red' | 'severe';

export interface NoticeProblem {
  code: string;
  title: string;
  description: string;
  /** 问题来源, as shown (e.g. 中央生态环境保护督察) */
  source: string;
  /** 督察轮次 and 批次, as shown, or null */
  round: string | null;
  leadUnit: string | null;
  cooperatingUnits: string[];
  /** 立行立改 / 限期整改 / 长期坚持 */
  deadlineKindLabel: string;
  /** the deadline in force (after approved extensions), 'YYYY-MM-DD' */
  deadlineInForce: string | null;
  /** the deadline before any extension, when it was extended */
  originalDeadline: string | null;
  extended: boolean;
  warningLight: WarningLight;
  /** what the light is about, as shown ("整改时限已过"), or null */
  warningReason: string | null;
  workingDaysOverdue: number | null;
  workingDaysLeft: number | null;
  measures: string | null;
  latestProgress: string | null;
  /** for a unit's notice: whether the unit leads or cooperates on this problem */
  role?: 'lead' | 'cooperating';
}

export interface SupervisionNoticeData {
  kind: 'problem' | 'unit';
  /** 发文机关 (full name) */
  issuer: string;
  /** 发文字号, e.g. 青督办〔2026〕3号 */
  documentNumber: string;
  /** 成文日期 'YYYY-MM-DD' */
  issuedOn: string;
  /** 主送机关 */
  recipients: string[];
  /** for a unit's notice: the unit */
  unitName?: string;
  problems: NoticeProblem[];
  /** 报送期限 'YYYY-MM-DD' */
  replyBy: string;
  /** an extra requirement the coordinator wrote */
  note?: string | null;
  contact?: { name: string; phone: string | null } | null;
  /** 抄送 */
  copies?: string[];
}

/** Each light as named in a notice, and what it means. */
const LIGHT: Record<WarningLight, [name: string, meaning: string]> = { green: ['绿灯', '正常'], yellow: ['黄灯', '临期'], red: ['红灯', '逾期'], severe: ['红灯', '严重逾期'] };

/** The notice's title: about one problem, or about a unit's warned problems. */
export function noticeTitle(data: Pick<SupervisionNoticeData, 'kind' | 'problems' | 'unitName'>): string {
  if (data.kind === 'problem') return `关于加快推进“${data.problems[0]?.title ?? ''}”问题整改的督办通知`;
  return '关于加快推进预警问题整改的督办通知';
}

/** The deadline as a sentence: "整改时限为2026年9月30日（经批准延期，原时限为2026年8月31日）". */
export function deadlineSentence(p: NoticeProblem): string {
  if (!p.deadlineInForce) return p.deadlineKindLabel === '长期坚持' ? '该问题为长期坚持类问题，须按期报送阶段性进展' : `整改时限：${p.deadlineKindLabel}`;
  const original = p.extended && p.originalDeadline && p.originalDeadline !== p.deadlineInForce ? `（经批准延期，原时限为${chineseDate(p.originalDeadline)}）` : '';
  return `整改时限为${chineseDate(p.deadlineInForce)}${original}`;
}

/** The warning as a sentence: overdue N working days, or N working days left, and the light. */
export function warningSentence(p: NoticeProblem, asOf: string): string {
  const [name, meaning] = LIGHT[p.warningLight];
  const light = `预警等级为${name}（${[meaning, p.warningReason].filter(Boolean).join('，')}）`;
  if (p.workingDaysOverdue !== null) return `截至${chineseDate(asOf)}，已逾期${p.workingDaysOverdue}个工作日，${light}`;
  if (p.workingDaysLeft !== null) return `截至${chineseDate(asOf)}，距到期尚余${p.workingDaysLeft}个工作日，${light}`;
  return `截至${chineseDate(asOf)}，${light}`;
}

const sentence = (text: string) => (/[。！？；]$/.test(text) ? text : `${text}。`);

function requirements(data: SupervisionNoticeData): string {
  const target = data.kind === 'problem' ? '该问题' : '上述问题';
  return (
    `请你单位高度重视，切实履行整改主体责任，主要负责同志亲自研究部署，对照整改目标和措施倒排工期、挂图作战，加快推进${target}整改。` +
    `请于${chineseDate(data.replyBy)}前报送整改进展（经单位负责人签字的书面材料及相关佐证材料），并通过平台同步报送。` +
    '逾期未报送或整改不力的，将按有关规定予以通报、约谈，情节严重的移交问责。'
  );
}

function problemSection(p: NoticeProblem, asOf: string): ReturnType<typeof body>[] {
  const out = [heading('一、问题基本情况')];
  const facts = [`问题编号：${p.code}`, `问题来源：${p.source}${p.round ? `（${p.round}）` : ''}`];
  out.push(body(`${facts.join('；')}。`));
  out.push(body(`问题描述：${sentence(p.description)}`));
  const units = [p.leadUnit ? `牵头单位：${p.leadUnit}` : null, p.cooperatingUnits.length ? `配合单位：${p.cooperatingUnits.join('、')}` : null].filter(Boolean);
  if (units.length) out.push(body(`${units.join('；')}。`));
  out.push(heading('二、整改时限及预警情况'));
  out.push(body(`${deadlineSentence(p)}。${warningSentence(p, asOf)}。`));
  out.push(heading('三、整改措施及进展'));
  out.push(body(`整改措施：${p.measures ? sentence(p.measures) : '（未填报）'}`));
  out.push(body(`最新进展：${p.latestProgress ? sentence(p.latestProgress) : '尚未报送整改进展。'}`));
  return out;
}

function unitSection(data: SupervisionNoticeData): (ReturnType<typeof body> | ReturnType<typeof table>)[] {
  const count = (l: WarningLight[]) => data.problems.filter((p) => l.includes(p.warningLight)).length;
  const overdue = count(['red', 'severe']);
  const severe = count(['severe']);
  const yellow = count(['yellow']);
  const lead = data.problems.filter((p) => p.role !== 'cooperating').length;
  const parts = [`逾期${overdue}个${severe ? `（其中严重逾期${severe}个）` : ''}`, `临期${yellow}个`];
  const out: (ReturnType<typeof body> | ReturnType<typeof table>)[] = [
    body(
      `经调度，截至${chineseDate(data.issuedOn)}，你单位牵头或配合整改的问题中有${data.problems.length}个亮灯预警（其中牵头${lead}个），${parts.join('、')}。具体情况如下：`,
    ),
  ];
  out.push(
    table(
      [5, 21, 30, 18, 14, 12],
      [
        ['序号', '问题编号', '问题简述', '整改时限', '预警', '逾期工作日'].map((h) => cell(h, { align: 'center', bold: true, shade: true })),
        ...data.problems.map((p, i) => [
          cell(String(i + 1), { align: 'center' }),
          cell(p.code),
          cell(p.role === 'cooperating' ? `${p.title}（配合）` : p.title),
          cell(p.deadlineInForce ? chineseDate(p.deadlineInForce) + (p.extended ? '（已延期）' : '') : p.deadlineKindLabel, { align: 'center' }),
          cell(p.warningLight === 'severe' ? '红灯（严重）' : LIGHT[p.warningLight][0], { align: 'center' }),
          cell(p.workingDaysOverdue === null ? '—' : String(p.workingDaysOverdue), { align: 'center' }),
        ]),
      ],
      { header: true },
    ),
  );
  out.push(blank());
  return out;
}

/** Build the .docx. */
export async function buildSupervisionNotice(data: SupervisionNoticeData): Promise<Buffer> {
  if (data.problems.length === 0) throw new RangeError('A supervision notice needs at least one problem');
  const docTitle = noticeTitle(data);
  const children = [
    issuerMark(data.issuer),
    blank(),
    ...numberAndSeparator(data.documentNumber),
    blank(),
    title(docTitle),
    blank(),
    recipients(data.recipients),
    body(
      data.kind === 'problem'
        ? '根据生态环境保护督察整改工作安排和问题整改预警情况，现将你单位牵头整改的下列问题予以督办，有关事项通知如下：'
        : '根据生态环境保护督察整改工作安排，现对你单位亮灯预警的整改问题予以督办，有关事项通知如下：',
    ),
    ...(data.kind === 'problem' ? problemSection(data.problems[0]!, data.issuedOn) : unitSection(data)),
    heading(data.kind === 'problem' ? '四、督办要求' : `${chineseOrdinal(1)}、督办要求`),
    body(requirements(data)),
    ...(data.note ? [subheading('另：', sentence(data.note))] : []),
    ...(data.contact ? [body(`联系人：${data.contact.name}${data.contact.phone ? `，联系电话：${data.contact.phone}` : ''}。`)] : []),
    ...signature(data.issuer, chineseDate(data.issuedOn)),
    ...imprint(data.issuer, chineseDate(data.issuedOn), data.copies ?? []),
  ];
  return packDocument(officialDocument({ title: docTitle, subject: `督办通知单 ${data.documentNumber}`, children }));
}
