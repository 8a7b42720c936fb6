import ExcelJS from 'exceljs';
import type { ImportReferences } from '../../src/domain/ledger/import/types.js';
import { mulberry32 } from '../../src/domain/sampling.js';
import { computeUsccCheckChar } from '../../src/domain/uscc.js';

/**
 * Ledgers as districts send them, built with exceljs, named after the demo county (src/server/seed/demo.ts: 青溪县
 * 339901, its towns, departments, enterprises and the leader 刘副县长) so API and browser tests can import them into
 * the demo data. `demoImportReferences` mirrors that data for the pure unit tests.
 */

/** The "today" the unit tests judge the realistic ledger with (dates in it are chosen relative to it). */
export const LEDGER_TODAY = '2026-05-10';

/** A valid credit code of a demo enterprise (same construction as the demo seed). */
export function demoUscc(body: string): string {
  const first17 = body.padEnd(17, '0').slice(0, 17);
  return first17 + computeUsccCheckChar(first17);
}

export const DEMO_USCC = {
  hongda: demoUscc('91339901MA2H7K3L'),
  qingyuan: demoUscc('91339901MA2J5N8P'),
  shimen: demoUscc('91339901MA2K9Q4R'),
};

/** The hongda code with a wrong last character, and the character that would be right. */
export const BAD_USCC = (() => {
  const right = DEMO_USCC.hongda.slice(-1);
  const wrong = right === 'X' ? 'Y' : 'X';
  return { code: DEMO_USCC.hongda.slice(0, 17) + wrong, expected: right };
})();

/** Excel serial day number (1900 system) of an ISO date after 1900-03-01. */
export function excelSerial(iso: string): number {
  return (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

// ---------------------------------------------------------------------------------------------------------------
// References mirroring the demo seed

export const DEMO_REGION_IDS = { county: 1, 城关街道: 2, 白沙镇: 3, 石门镇: 4, 云台乡: 5, 东湖街道: 6 } as const;

const DEMO_DEPARTMENTS: [string, string][] = [
  ['青溪县生态环境保护督察整改工作领导小组办公室', '县督察办'],
  ['青溪县生态环境局', '县生态环境局'],
  ['青溪县水利局', '县水利局'],
  ['青溪县住房和城乡建设局', '县住建局'],
  ['青溪县城市管理局', '县城管局'],
  ['青溪县农业农村局', '县农业农村局'],
  ['青溪县经济和信息化局', '县经信局'],
  ['青溪县自然资源和规划局', '县自然资源局'],
  ['青溪县交通运输局', '县交通运输局'],
  ['青溪县林业局', '县林业局'],
  ['青溪县卫生健康局', '县卫健局'],
  ['青溪县市场监督管理局', '县市场监管局'],
  ['青溪县应急管理局', '县应急管理局'],
  ['青溪县发展和改革局', '县发改局'],
  ['青溪县公安局', '县公安局'],
];
const DEMO_TOWN_UNITS = ['城关街道办事处', '白沙镇人民政府', '石门镇人民政府', '云台乡人民政府', '东湖街道办事处'];
const DEMO_ENTERPRISES = ['青溪县宏达化工有限公司', '青溪县清源污水处理有限公司', '青溪县石门建材有限公司', '青溪县白沙生态养殖专业合作社'];

export const DEMO_UNITS: ImportReferences['units'] = [
  { id: 10, name: '青溪县人民政府', shortName: '县政府', kind: 'party_gov_office' },
  ...DEMO_DEPARTMENTS.map(([name, shortName], i) => ({ id: 11 + i, name, shortName, kind: i === 0 ? 'inspection_office' : 'department' })),
  ...DEMO_TOWN_UNITS.map((name, i) => ({ id: 40 + i, name, shortName: null, kind: 'town' })),
  ...DEMO_ENTERPRISES.map((name, i) => ({ id: 60 + i, name, shortName: null, kind: 'enterprise' })),
];

/** Unit id by full or short name, for expectations. */
export function demoUnitId(name: string): number {
  const unit = DEMO_UNITS.find((u) => u.name === name || u.shortName === name);
  if (!unit) throw new Error(`no demo unit ${name}`);
  return unit.id;
}

export const DEMO_LEADER_ID = 9;
export const DEMO_ROUND_ID = 1;
export const DEMO_BATCH_IDS = { first: 1, second: 2 } as const;

/** Stored problems: the first two demo problems (codes as the demo seed makes them in 2026). */
export const DEMO_EXISTING: ImportReferences['existing'] = [
  {
    id: 101,
    code: 'DC339901-2026-0001',
    title: '白沙河入河排污口雨污混排',
    description: '督察发现白沙河东岸 3 处排口晴天仍有生活污水排出，周边群众反映有异味。',
    address: null,
    status: 'rectifying',
  },
  {
    id: 102,
    code: 'DC339901-2026-0002',
    title: '县城污水处理厂出水总磷超标',
    description: '清源污水处理厂 2026 年 5 月以来多次出水总磷超过一级 A 标准。',
    address: null,
    status: 'verifying',
  },
];

export function demoImportReferences(today = LEDGER_TODAY): ImportReferences {
  const towns = ['城关街道', '白沙镇', '石门镇', '云台乡', '东湖街道'] as const;
  return {
    today,
    defaultRegionId: DEMO_REGION_IDS.county,
    regions: [
      { id: 1, code: '339901', name: '青溪县', path: '/1/' },
      ...towns.map((name, i) => ({ id: DEMO_REGION_IDS[name], code: `33990100${i + 1}`, name, path: `/1/${DEMO_REGION_IDS[name]}/` })),
    ],
    units: DEMO_UNITS,
    leaders: [{ id: DEMO_LEADER_ID, displayName: '刘副县长' }],
    rounds: [{ id: DEMO_ROUND_ID, name: '第三轮中央生态环境保护督察' }],
    batches: [
      { id: DEMO_BATCH_IDS.first, roundId: DEMO_ROUND_ID, number: 1, name: '第1批' },
      { id: DEMO_BATCH_IDS.second, roundId: DEMO_ROUND_ID, number: 2, name: '第2批' },
    ],
    existing: DEMO_EXISTING,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The realistic ledger

/** Header of the realistic ledger: [upper row, lower row] per column A…V; equal texts are merged vertically. */
const REALISTIC_HEADER: [string, string][] = [
  ['序号', '序号'],
  ['问题编号', '问题编号'],
  ['问题来源', '问题来源'],
  ['督察轮次/批次', '督察轮次/批次'],
  ['问题类型', '问题类型'],
  ['问题描述', '问题描述'],
  ['所属乡镇（街道）', '所属乡镇（街道）'],
  ['具体位置', '具体位置'],
  ['经纬度', '经纬度'],
  ['涉及企业', '涉及企业'],
  ['统一社会信用代码', '统一社会信用代码'],
  ['责任单位', '牵头单位'],
  ['责任单位', '配合单位'],
  ['责任领导', '责任领导'],
  ['责任人/联系电话', '责任人/联系电话'],
  ['整改措施', '整改措施'],
  ['整改时限', '整改时限'],
  ['是否挂牌督办', '是否挂牌督办'],
  ['整改进展情况', '整改进展情况'],
  ['整改状态', '整改状态'],
  ['销号时间', '销号时间'],
  ['备注', '备注'],
];

type RowValues = Partial<Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V', ExcelJS.CellValue>>;

export const REALISTIC_LEDGER_SHEET = '整改台账';
export const REALISTIC_TITLE = '青溪县第三轮中央生态环境保护督察反馈问题整改台账';
export const REALISTIC_DESCRIPTION_ROW5 = '白沙河东岸3处入河排污口晴天仍有生活污水直排，周边群众反映气味明显。';

/**
 * The data rows of the realistic ledger by Excel row (5…24). What each is meant to produce (today = LEDGER_TODAY,
 * references = demoImportReferences()):
 *   5  valid: Date deadline, merged 问题来源/轮次/牵头单位 (rows 5–7), units with 、, person + phone in one cell
 *   6  valid: serial-number deadline, coordinates latitude first, units with ；, valid credit code
 *   7  valid: full-width text and digits, units on two lines, "2027年6月底前", no status (registered)
 *   8  valid + warning status_completed_as_closed (已完成整改, 销号时间 2026年3月15日), 立行立改, batch 2
 *   9  valid: 长期坚持, "东经120.2 北纬30.3"
 *   10 valid: "住建局" without the county prefix, "2027.3.31", 12369 complaint
 *   11 empty → skipped
 *   12 error unit_unknown (L): "青溪县生态环保局", suggestion 青溪县生态环境局
 *   13 error description_missing (F)
 *   14 error phone_invalid (O): "139057100"
 *   15 error uscc_invalid_checksum (K)
 *   16 error date_invalid (Q): 2027年2月30日
 *   17 error duplicate_code_in_file (B): repeats row 6's code
 *   18 valid + warning possible_duplicate_in_file (F): near-identical to row 5
 *   19 the stored problem `existingCode`: update (updateExisting) or error duplicate_code_stored
 *   20 valid + warning lead_unit_also_cooperating (M)
 *   21 valid + warning deadline_past (Q): 2024年12月底前
 *   22 合计 → skipped; 23 填表人/审核人 (merged across) → skipped; 24 注： → skipped
 */
function realisticRows(existingCode: string): Record<number, RowValues> {
  return {
    5: {
      A: 1, B: 'QX-2026-001', C: '中央环保督察', D: '第三轮中央环保督察第1批', E: '水污染', F: REALISTIC_DESCRIPTION_ROW5, G: '白沙镇',
      H: '白沙镇白沙河东岸', I: '120.1234,30.4567', L: '县水利局', M: '白沙镇人民政府、县生态环境局', N: '刘副县长', O: '李水清 13905710001',
      P: '1.排查雨污管网；2.完成截污纳管', Q: utc('2027-06-30'), R: '省级挂牌', S: '已完成2处排口截污', T: '整改中',
    },
    6: {
      A: 2, B: 'QX-2026-002', E: '水环境', F: '县城污水处理厂出水总磷浓度多次超过一级A排放标准，尾水排入青溪。', G: '城关街道',
      H: '城关街道滨江路18号', I: '30.4501, 120.1102', J: '青溪县清源污水处理有限公司', K: DEMO_USCC.qingyuan, M: '县住建局；县生态环境局',
      O: '陈建华', Q: excelSerial('2027-12-31'), R: '否', T: '序时推进',
    },
    7: {
      A: 3, B: 'QX-2026-003', E: '大气污染', F: '宏达化工有限公司原料堆场未全封闭，装卸作业粉尘和异味明显，ＶＯＣｓ无组织排放。', G: '白沙镇',
      H: '白沙镇化工园区', J: '青溪县宏达化工有限公司', K: ` ${DEMO_USCC.hongda.slice(0, 9).toLowerCase()} ${DEMO_USCC.hongda.slice(9)} `,
      M: '县生态环境局\n白沙镇人民政府', O: '\u3000陈建华\u3000１３９０５７１０００２', Q: '2027年6月底前', R: '市级挂牌督办', T: '',
    },
    8: {
      A: 4, B: 'QX-2026-004', C: '中央督察', D: '第三轮中央生态环境保护督察第2批', E: '固体废物', F: '宏达化工危险废物暂存间未设置防渗和标识，危废台账记录不全。',
      G: '白沙镇', L: '青溪县生态环境局', Q: '立行立改', T: '已完成整改', U: '2026年3月15日',
    },
    9: {
      A: 5, B: 'QX-2026-005', C: '警示片', E: '禁渔', F: '禁渔期间东湖水域仍有非法垂钓和电鱼行为，需长期坚持巡查。', G: '东湖街道',
      I: '东经120.2 北纬30.3', L: '县农业农村局', M: '东湖街道办事处、县公安局', Q: '长期坚持', T: '整改中',
    },
    10: {
      A: 6, B: 'QX-2026-006', C: '12369环保举报', E: '噪声', F: '东湖街道两处建筑工地夜间施工噪声扰民，群众多次投诉。', G: '东湖街道',
      L: '住建局', M: '东湖街道办事处', O: '陈建华/0571-88886666', Q: '2027.3.31', R: '是', T: '推进中',
    },
    12: {
      A: 7, B: 'QX-2026-007', C: '暗访', E: '扬尘', F: '石门镇建材公司厂区道路未硬化，运输车辆带泥上路，扬尘污染严重。', G: '石门镇',
      J: '青溪县石门建材有限公司', L: '青溪县生态环保局', Q: '2027/9/30', T: '整改中',
    },
    13: { A: 8, B: 'QX-2026-008', C: '自查', E: '土壤', G: '云台乡', L: '云台乡人民政府', Q: '2027-06-30', T: '整改中' },
    14: {
      A: 9, B: 'QX-2026-009', C: '网格巡查', E: '水', F: '云台乡一处养殖场粪污经雨水沟排入附近溪流。', G: '云台乡', L: '云台乡',
      O: '孙白沙 139057100', Q: '2027年第三季度', T: '整改中',
    },
    15: {
      A: 10, B: 'QX-2026-010', C: '省级督察', E: '大气', F: '宏达化工锅炉废气排放口未安装在线监测设备。', G: '白沙镇',
      J: '青溪县宏达化工有限公司', K: BAD_USCC.code, L: '县生态环境局', Q: '2027年12月31日', T: '整改中',
    },
    16: {
      A: 11, B: 'QX-2026-011', C: '专项督察', E: '生态破坏', F: '云台乡河段存在夜间非法采砂，河床和岸线破坏严重。', G: '云台乡',
      L: '县水利局', M: '县公安局、云台乡人民政府', Q: '2027年2月30日', T: '整改中',
    },
    17: {
      A: 12, B: 'QX-2026-002', C: '中央督察', E: '水', F: '城关街道老旧小区雨污管网混接，雨天污水外溢。', G: '城关街道',
      L: '县住建局', Q: '2027年10月', T: '整改中',
    },
    18: {
      A: 13, B: 'QX-2026-013', C: '中央环保督察', E: '水', F: '白沙河东岸3处入河排污口晴天仍有生活污水直排，周边群众反映气味明显！', G: '白沙镇',
      H: '白沙镇白沙河东岸', L: '县水利局', Q: '2027-06-30', T: '整改中',
    },
    19: {
      A: 14, B: existingCode, C: '中央生态环境保护督察', E: '水', F: '督察发现白沙河东岸 3 处排口晴天仍有生活污水排出，周边群众反映有异味。',
      G: '白沙镇', L: '县水利局', M: '白沙镇人民政府', Q: '2027-03-31', S: '已完成2处排口整改', T: '整改中',
    },
    20: {
      A: 15, B: 'QX-2026-015', C: '回头看', E: '水环境', F: '城关街道内河段入夏后出现黑臭现象，水体透明度低。', G: '城关街道',
      L: '县城管局', M: '县城管局、城关街道办事处', Q: '2027年6月30日前', T: '整改中',
    },
    21: {
      A: 16, B: 'QX-2026-016', C: '生态环境部门通报', E: '自然保护区', F: '县级自然保护区实验区内存在2处违规建设的农家乐。', G: '云台乡',
      L: '县自然资源局', M: '县林业局', Q: '2024年12月底前', T: '整改中',
    },
    22: { A: '合计', B: '共16个问题' },
    24: { A: '注：整改时限以督察反馈意见为准。' },
  };
}

function addInstructionsSheet(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet('填报说明');
  sheet.addRow(['填报说明']);
  sheet.addRow(['1. 每个问题填写一行，问题描述、牵头单位、整改时限为必填项。']);
  sheet.addRow(['2. 整改时限可填写具体日期，或“立行立改”“长期坚持”。']);
}

/** An older copy of the ledger kept in a hidden sheet, as clerks do. */
function addHiddenOldSheet(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet('旧版台账', { state: 'hidden' });
  sheet.addRow(['问题编号', '问题描述', '牵头单位', '整改时限']);
  sheet.addRow(['QX-OLD-001', '旧版台账中的问题', '县水利局', '2025年底前']);
}

/**
 * A ledger as a district keeps it: an instructions sheet first, then 整改台账 with a merged title row and a subtitle,
 * a two-row header (责任单位 over 牵头单位 | 配合单位, the other headers merged vertically), merged cells in the data
 * (问题来源 and 督察轮次 over rows 5–7, 牵头单位 over rows 5–7), mixed date forms, multi-unit cells, full-width
 * characters, an empty row, a 合计 row, a merged 填表人 row, a 注： row, good rows and bad rows (see realisticRows),
 * and a hidden older copy of the ledger last.
 */
export async function buildRealisticLedger(options: { existingCode?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addInstructionsSheet(workbook);
  const sheet = workbook.addWorksheet(REALISTIC_LEDGER_SHEET);
  sheet.getCell('A1').value = REALISTIC_TITLE;
  sheet.mergeCells('A1:V1');
  sheet.getCell('A2').value = '填报单位：青溪县督察办\u3000\u3000填报时间：2026年5月10日';
  sheet.mergeCells('A2:V2');
  REALISTIC_HEADER.forEach(([upper, lower], i) => {
    sheet.getCell(3, i + 1).value = upper;
    if (upper === lower) sheet.mergeCells(3, i + 1, 4, i + 1);
    else sheet.getCell(4, i + 1).value = lower;
  });
  sheet.mergeCells('L3:M3');
  for (const [row, values] of Object.entries(realisticRows(options.existingCode ?? DEMO_EXISTING[0]!.code))) {
    for (const [column, value] of Object.entries(values)) sheet.getCell(`${column}${row}`).value = value;
  }
  // Merged data cells: the same source, round and lead unit over rows 5–7.
  sheet.getCell('C5').value = '中央环保督察';
  sheet.mergeCells('C5:C7');
  sheet.mergeCells('D5:D7');
  sheet.mergeCells('L5:L7');
  sheet.getCell('A23').value = '填表人：周督办\u3000\u3000审核人：刘副县长';
  sheet.mergeCells('A23:V23');
  // One shared style for the table, as in real files (on loading, exceljs shares one style object among its cells).
  const thin = { style: 'thin' as const };
  const tableStyle: Partial<ExcelJS.Style> = { font: { name: '宋体', size: 10 }, border: { top: thin, left: thin, bottom: thin, right: thin }, alignment: { wrapText: true, vertical: 'middle' } };
  for (let r = 3; r <= 22; r++) {
    for (let c = 1; c <= REALISTIC_HEADER.length; c++) {
      const cell = sheet.getCell(r, c);
      cell.style = cell.value instanceof Date ? { ...tableStyle, numFmt: 'yyyy"年"m"月"d"日"' } : tableStyle;
    }
  }
  addHiddenOldSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// A large valid ledger

/** The round-trip layout of the ledger export: these headers, one per column, under a title row. */
export const LARGE_LEDGER_HEADERS = [
  '序号', '问题编号', '问题来源', '督察轮次', '交办批次', '问题类型', '问题简述', '问题描述', '行政区划', '地址', '经纬度',
  '牵头单位', '配合单位', '责任领导', '责任人', '联系电话', '验收标准', '整改时限', '挂牌督办', '是否公开', '整改进展', '整改状态',
] as const;

const TOWNS = ['城关街道', '白沙镇', '石门镇', '云台乡', '东湖街道'];
const NAME_CHARS = '青松柏桥溪塘湾岭坪坞源岗坑垄畈埠泽湖滩洲田山林川石竹梅兰杏桃李枫桂荷芦苇茶柳杉槐柿栗橙橘梨枣莲菱荻蒲藕芷蓉芙樟楠榆桐柘楸檀';
const FEATURES = ['入河排污口', '雨水管网', '生活污水管', '养殖场', '砂石料场', '建筑工地', '餐饮油烟点', '垃圾中转站', '小作坊', '沿河堆场', '农家乐', '洗车点'];
const PROBLEMS = ['晴天排水', '异味扰民', '粉尘外溢', '渗滤液外渗', '噪声超标', '未批先建', '设施闲置', '台账缺失', '黑臭反弹', '私设暗管'];
const DETAILS = ['周边群众多次反映', '网格员巡查发现', '督察组现场检查发现', '无人机航拍发现', '热线投诉集中', '暗访时拍到视频'];
const LEADS = ['县水利局', '县住建局', '县生态环境局', '县城管局', '县农业农村局', '县自然资源局', '县林业局', '县交通运输局'];
const SOURCES = ['中央生态环境保护督察', '省级督察', '暗查暗访', '群众举报', '网格巡查', '自查/大排查大起底'];
const CATEGORIES = ['水', '大气', '土壤', '固废', '噪声', '生态'];

/**
 * `n` valid ledger rows (no duplicates, every unit and region known, deadlines in 2027–2029), deterministic. Each
 * row is in LARGE_LEDGER_HEADERS order.
 */
export function ledgerRowValues(n: number): ExcelJS.CellValue[][] {
  const random = mulberry32(20_261_123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const name = () => `${pick([...NAME_CHARS])}${pick([...NAME_CHARS])}`;
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = 1; i <= n; i++) {
    const town = TOWNS[i % TOWNS.length]!;
    const village = name();
    const feature = pick(FEATURES);
    const problem = pick(PROBLEMS);
    const lead = LEADS[i % LEADS.length]!;
    const source = SOURCES[i % SOURCES.length]!;
    const central = source === SOURCES[0];
    const deadline = new Date(Date.UTC(2027 + (i % 3), i % 12, 1 + (i % 28)));
    rows.push([
      i,
      `QX-GEN-${String(i).padStart(5, '0')}`,
      source,
      central ? '第三轮中央生态环境保护督察' : null,
      central ? `第${1 + (i % 2)}批` : null,
      CATEGORIES[i % CATEGORIES.length]!,
      `${town}${village}村${feature}${problem}`,
      `${pick(DETAILS)}：${town}${village}村${name()}组的${feature}${problem}，${name()}${pick(['公司', '合作社', '厂'])}涉及其中，影响${name()}溪水质和${name()}片区居民生活。`,
      town,
      `${town}${village}村${name()}路${1 + (i % 300)}号`,
      `${(120 + random() * 0.5).toFixed(6)},${(30 + random() * 0.5).toFixed(6)}`,
      lead,
      i % 3 === 0 ? `${town === '城关街道' || town === '东湖街道' ? `${town}办事处` : `${town}人民政府`}` : null,
      i % 5 === 0 ? '刘副县长' : null,
      pick(['李水清', '陈建华', '孙白沙', '王海', '赵敏']),
      `139${String(10_000_000 + i).slice(-8)}`,
      '1.问题点位整改到位\n2.群众满意',
      deadline,
      i % 10 === 0 ? '市级挂牌督办' : '否',
      i % 4 === 0 ? '是' : '否',
      i % 2 === 0 ? '已制定整改方案，正在推进' : null,
      '整改中',
    ]);
  }
  return rows;
}

/** A large valid ledger as .xlsx: a title row, one header row (LARGE_LEDGER_HEADERS), then `n` rows. */
export async function buildLedgerRows(n: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题清单');
  sheet.addRow(['青溪县生态环境保护督察整改问题清单']);
  sheet.mergeCells(1, 1, 1, LARGE_LEDGER_HEADERS.length);
  sheet.addRow([...LARGE_LEDGER_HEADERS]);
  for (const row of ledgerRowValues(n)) sheet.addRow(row);
  sheet.getColumn(LARGE_LEDGER_HEADERS.indexOf('整改时限') + 1).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// CSV in GBK

let gbkTable: Map<string, number[]> | null = null;

/** Encode text as GBK (Node has decoders but no encoder): a reverse table built by decoding every double-byte code. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`not encodable in GBK: ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** The text of the GBK CSV ledger: a header and three valid rows, one with a quoted comma, quote and line break. */
export const GBK_CSV_TEXT = [
  '序号,问题编号,问题来源,问题类型,问题描述,所属乡镇,牵头单位,配合单位,整改时限,整改状态',
  '1,QX-CSV-001,群众举报,噪声,"东湖街道一处工地夜间施工，噪声扰民，群众称""无法入睡""。",东湖街道,县住建局,东湖街道办事处,2027/6/30,整改中',
  '2,QX-CSV-002,网格巡查,水,"白沙镇养殖场粪污直排沟渠，',
  '雨天溢流进入白沙河。",白沙镇,白沙镇人民政府,"县农业农村局、县生态环境局",2027年12月底前,整改中',
  '3,QX-CSV-003,暗访,大气,石门镇建材厂料堆未覆盖，扬尘明显。,石门镇,县生态环境局,,立行立改,未交办',
].join('\r\n');

/** The CSV ledger as Chinese Excel saves it by default: GBK, CRLF, no BOM. */
export function buildGbkCsvLedger(): Buffer {
  return encodeGbk(`${GBK_CSV_TEXT}\r\n`);
}
