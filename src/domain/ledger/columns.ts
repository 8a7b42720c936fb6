/**
 * The columns of a problem ledger (台账) as districts keep it in Excel, and as ducha writes it back.
 *
 * One list serves both directions: the export writes `header` in this order, and the import recognises `header` and
 * every one of `synonyms` (compared after `normalizeHeader`), so an exported ledger always imports back. Keys are the
 * ledger's own fields; the import turns them into problem fields (see src/domain/ledger/import/).
 */
export const LEDGER_COLUMN_KEYS = [
  'seq',
  'code',
  'source',
  'round',
  'batch',
  'category',
  'title',
  'description',
  'region',
  'address',
  'coordinates',
  'lng',
  'lat',
  'enterpriseName',
  'enterpriseUscc',
  'leadUnit',
  'cooperatingUnits',
  'leader',
  'responsiblePerson',
  'responsiblePhone',
  'goal',
  'measures',
  'closingCriteria',
  'deadline',
  'flag',
  'isPublic',
  'progress',
  'status',
  'closedOn',
  'remarks',
] as const;
export type LedgerColumnKey = (typeof LEDGER_COLUMN_KEYS)[number];

export interface LedgerColumn {
  key: LedgerColumnKey;
  /** The header ducha writes (zh-CN; ledgers are Chinese documents whatever the UI language). */
  header: string;
  /** English name for the mapping screen in English. */
  en: string;
  /** Other headers that mean the same column in real ledgers. */
  synonyms: readonly string[];
  /** Written by the ledger export (round-trip layout). */
  exported: boolean;
  /** Column width in characters for exported sheets. */
  width: number;
}

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'seq', header: '序号', en: 'No.', synonyms: ['编号序号', '序'], exported: true, width: 6 },
  { key: 'code', header: '问题编号', en: 'Problem code', synonyms: ['编号', '问题代码', '交办编号', '案件编号', '督察问题编号', '反馈问题编号', '转办编号', '受理编号', '信访编号'], exported: true, width: 22 },
  { key: 'source', header: '问题来源', en: 'Source', synonyms: ['来源', '问题出处', '发现途径', '问题来源渠道', '来源渠道', '线索来源'], exported: true, width: 18 },
  { key: 'round', header: '督察轮次', en: 'Inspection round', synonyms: ['轮次', '督察批次轮次', '督察名称', '督察轮次批次', '轮次批次'], exported: true, width: 22 },
  { key: 'batch', header: '交办批次', en: 'Batch', synonyms: ['批次', '交办批', '督察批次'], exported: true, width: 10 },
  { key: 'category', header: '问题类型', en: 'Category', synonyms: ['问题类别', '类型', '类别', '污染类型', '问题分类', '环境问题类型', '问题属性', '污染类别', '所属领域', '领域'], exported: true, width: 10 },
  { key: 'title', header: '问题简述', en: 'Title', synonyms: ['问题名称', '问题标题', '简述'], exported: true, width: 30 },
  { key: 'description', header: '问题描述', en: 'Description', synonyms: ['问题内容', '问题情况', '具体问题', '存在问题', '问题详情', '反映问题', '反馈问题', '督察反馈问题', '主要问题', '问题表现', '交办问题', '举报内容', '信访内容', '投诉内容', '群众反映问题', '交办问题内容'], exported: true, width: 50 },
  { key: 'region', header: '行政区划', en: 'Region', synonyms: ['所属区县', '所属乡镇', '乡镇', '乡镇（街道）', '所在地', '区县', '所属地区', '属地', '所在乡镇', '所属街道', '乡镇街道', '县市区', '所在区县', '行政区域', '所属区域'], exported: true, width: 12 },
  { key: 'address', header: '地址', en: 'Address', synonyms: ['详细地址', '问题地点', '位置', '地点', '具体位置', '问题点位', '点位', '具体地址', '所在位置', '详细位置', '地理位置'], exported: true, width: 30 },
  { key: 'coordinates', header: '经纬度', en: 'Coordinates', synonyms: ['坐标', '经纬度坐标', 'GPS'], exported: true, width: 22 },
  { key: 'lng', header: '经度', en: 'Longitude', synonyms: [], exported: false, width: 12 },
  { key: 'lat', header: '纬度', en: 'Latitude', synonyms: [], exported: false, width: 12 },
  { key: 'enterpriseName', header: '涉及企业', en: 'Enterprise', synonyms: ['企业名称', '涉事企业', '涉及单位', '被举报单位', '企业', '涉及企业名称', '涉事单位'], exported: true, width: 24 },
  { key: 'enterpriseUscc', header: '统一社会信用代码', en: 'Credit code', synonyms: ['信用代码', '社会信用代码', '企业信用代码', '统一信用代码', '企业统一社会信用代码'], exported: true, width: 22 },
  { key: 'leadUnit', header: '牵头单位', en: 'Lead unit', synonyms: ['责任单位', '牵头责任单位', '主责单位', '整改责任单位', '责任主体', '牵头部门', '责任部门', '主办单位', '整改牵头单位', '主责部门'], exported: true, width: 18 },
  { key: 'cooperatingUnits', header: '配合单位', en: 'Cooperating units', synonyms: ['协办单位', '配合责任单位', '参与单位', '配合部门', '协办部门', '协同单位', '协助单位', '配合整改单位'], exported: true, width: 24 },
  { key: 'leader', header: '责任领导', en: 'Responsible leader', synonyms: ['包保领导', '包案领导', '牵头领导', '分管领导', '县级责任领导', '包抓领导', '督办领导', '联系领导', '责任县领导'], exported: true, width: 10 },
  { key: 'responsiblePerson', header: '责任人', en: 'Responsible person', synonyms: ['具体责任人', '联系人', '经办人', '整改责任人', '具体负责人', '负责人', '责任人员'], exported: true, width: 10 },
  { key: 'responsiblePhone', header: '联系电话', en: 'Phone', synonyms: ['电话', '联系方式', '手机', '手机号码', '电话号码', '联系人电话', '责任人电话'], exported: true, width: 14 },
  { key: 'goal', header: '整改目标', en: 'Goal', synonyms: ['目标', '整改要求', '整改目标要求'], exported: true, width: 30 },
  { key: 'measures', header: '整改措施', en: 'Measures', synonyms: ['措施', '具体措施', '整改举措', '主要措施', '整改方案', '整改措施及要求'], exported: true, width: 40 },
  { key: 'closingCriteria', header: '验收标准', en: 'Closing criteria', synonyms: ['销号标准', '销号条件', '验收条件', '完成标准', '销号验收标准', '验收销号标准', '整改验收标准'], exported: true, width: 30 },
  { key: 'deadline', header: '整改时限', en: 'Deadline', synonyms: ['完成时限', '整改期限', '时限', '完成时间', '整改完成时限', '计划完成时间', '整改时间', '完成期限', '整改时限要求', '计划完成时限', '办结时限', '整改完成时间'], exported: true, width: 16 },
  { key: 'flag', header: '挂牌督办', en: 'Flagged', synonyms: ['是否挂牌督办', '挂牌', '督办级别', '是否督办', '挂牌督办级别', '挂牌情况', '督办情况'], exported: true, width: 10 },
  { key: 'isPublic', header: '是否公开', en: 'Public', synonyms: ['公开', '是否对外公开', '公开情况', '是否向社会公开'], exported: true, width: 8 },
  { key: 'progress', header: '整改进展', en: 'Progress', synonyms: ['进展情况', '整改进展情况', '整改情况', '目前进展', '办理情况', '整改进度', '推进情况', '工作进展', '落实情况', '整改落实情况', '目前整改进展', '进展'], exported: true, width: 40 },
  { key: 'status', header: '整改状态', en: 'Status', synonyms: ['状态', '完成情况', '是否完成', '整改完成情况', '办结情况', '完成状态', '办理状态', '办理结果', '是否办结', '是否完成整改', '问题状态'], exported: true, width: 12 },
  { key: 'closedOn', header: '销号日期', en: 'Closed on', synonyms: ['销号时间', '办结日期', '实际完成时间', '完成日期', '完成整改时间', '办结时间'], exported: true, width: 12 },
  { key: 'remarks', header: '备注', en: 'Remarks', synonyms: ['说明', '其他', '备注说明'], exported: true, width: 20 },
];

export const LEDGER_COLUMN_BY_KEY = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c])) as Record<LedgerColumnKey, LedgerColumn>;

/** Full-width ASCII to half-width, ideographic space to space, every run of white space to one space, trimmed. */
export function normalizeText(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A header compared without spaces, punctuation, brackets' contents such as units of measure, or a trailing colon. */
export function normalizeHeader(value: string): string {
  return normalizeText(value)
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s:：*※\-_、，,.。/\\]/g, '')
    .toLowerCase();
}
