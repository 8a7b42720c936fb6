import { LEDGER_COLUMN_BY_KEY } from '../../domain/ledger/columns.js';
import type { RowIssue } from '../../domain/ledger/import/types.js';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../domain/problem/vocabulary.js';
import type { Language } from '../roles.js';
import { translate, type Catalog } from './translate.js';
import { vocabularyCatalog } from './vocabulary.js';

/**
 * Messages of ledger import issues (src/domain/ledger/import/): `import.<code>` says what is wrong, in words a county
 * clerk uses, and `import.<code>.fix` says how to fix it in the file. Shown by the web app and written into the
 * annotated workbook (src/server/ledger/annotate-workbook.ts).
 */

/** Every issue code the import emits. */
export const IMPORT_ISSUE_CODES = [
  'row_skipped_empty',
  'row_skipped_summary',
  'row_skipped_note',
  'row_skipped_section',
  'row_skipped_header',
  'text_too_long',
  'duplicate_code_in_file',
  'duplicate_code_stored',
  'update_ledger_fields_only',
  'status_unknown',
  'status_completed_as_closed',
  'status_inferred_closed',
  'closed_on_future',
  'closed_on_ignored',
  'closed_on_defaulted',
  'date_invalid',
  'date_out_of_range',
  'date_unrecognised',
  'deadline_missing',
  'deadline_unrecognised',
  'deadline_year_assumed',
  'deadline_kind_ambiguous',
  'deadline_past',
  'source_missing',
  'source_unknown',
  'category_missing',
  'category_unknown',
  'round_unknown',
  'round_ambiguous',
  'batch_unknown',
  'batch_ambiguous',
  'description_missing',
  'description_from_title',
  'region_unknown',
  'region_ambiguous',
  'coordinates_invalid',
  'coordinates_out_of_range',
  'coordinates_swapped',
  'uscc_invalid_length',
  'uscc_invalid_charset',
  'uscc_invalid_division',
  'uscc_invalid_checksum',
  'unit_unknown',
  'unit_ambiguous',
  'lead_unit_multiple',
  'lead_unit_missing',
  'lead_unit_required',
  'lead_unit_also_cooperating',
  'cooperating_units_too_many',
  'leader_unknown',
  'leader_ambiguous',
  'leader_multiple',
  'phone_invalid',
  'closing_criteria_too_many',
  'flag_unknown',
  'public_unknown',
  'possible_duplicate_stored',
  'possible_duplicate_in_file',
  // Added by the server against what is stored (src/server/usecases/imports/analyze-import.ts):
  'row_unchanged',
  'update_not_editable',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

type Text = { 'zh-CN': string; en: string };

const labels = (prefix: string, values: readonly string[], lang: Language, sep: string) =>
  values.map((v) => (vocabularyCatalog as Catalog)[`${prefix}.${v}`]?.[lang] ?? v).join(sep);

const SOURCE_LIST: Text = { 'zh-CN': labels('source', PROBLEM_SOURCES, 'zh-CN', '、'), en: labels('source', PROBLEM_SOURCES, 'en', ', ') };
const CATEGORY_LIST: Text = { 'zh-CN': labels('category', PROBLEM_CATEGORIES, 'zh-CN', '、'), en: labels('category', PROBLEM_CATEGORIES, 'en', ', ') };

/** [message, fix] per code. */
const ISSUES: Record<ImportIssueCode, [Text, Text]> = {
  row_skipped_empty: [
    { 'zh-CN': '空行，已跳过', en: 'Empty row, skipped' },
    { 'zh-CN': '无需处理', en: 'Nothing to do' },
  ],
  row_skipped_summary: [
    { 'zh-CN': '合计行（“{text}”），已跳过', en: 'Total row ("{text}"), skipped' },
    { 'zh-CN': '无需处理，合计行不会导入', en: 'Nothing to do; totals are not imported' },
  ],
  row_skipped_note: [
    { 'zh-CN': '说明或签字行（“{text}”），已跳过', en: 'Note or signature row ("{text}"), skipped' },
    { 'zh-CN': '无需处理', en: 'Nothing to do' },
  ],
  row_skipped_section: [
    { 'zh-CN': '分组标题行（“{text}”），已跳过', en: 'Group heading ("{text}"), skipped' },
    { 'zh-CN': '无需处理；如果这一行是一个问题，请补全问题描述、牵头单位等内容', en: 'Nothing to do; if this row is a problem, fill in its description, lead unit and the other columns' },
  ],
  row_skipped_header: [
    { 'zh-CN': '重复的表头行，已跳过', en: 'Repeated header row, skipped' },
    { 'zh-CN': '无需处理', en: 'Nothing to do' },
  ],
  text_too_long: [
    { 'zh-CN': '内容过长：{length} 字，最多 {max} 字', en: 'Too long: {length} characters, at most {max}' },
    { 'zh-CN': '请精简这一格的内容，或把部分内容移到“备注”', en: 'Shorten this cell, or move part of it to 备注 (remarks)' },
  ],
  duplicate_code_in_file: [
    { 'zh-CN': '问题编号“{code}”与第 {row} 行重复', en: 'Problem code "{code}" is already used in row {row}' },
    { 'zh-CN': '同一编号只能出现一次：请核对编号，或删除重复的行', en: 'A code may appear once: check the code or delete the repeated row' },
  ],
  duplicate_code_stored: [
    { 'zh-CN': '问题编号“{code}”在系统中已存在', en: 'Problem code "{code}" already exists in ducha' },
    {
      'zh-CN': '如要用本表更新这个问题，请在导入时勾选“按编号更新已有问题”；否则请修改编号或删除这一行',
      en: 'To update that problem from this file, choose "update existing problems by code" when importing; otherwise change the code or delete the row',
    },
  ],
  update_ledger_fields_only: [
    {
      'zh-CN': '问题“{code}”已进入“{storedStatus}”环节，导入不会改变它的整改流程',
      en: 'Problem "{code}" is at "{storedStatus}": the import does not change its workflow',
    },
    { 'zh-CN': '无需处理；如需调整流程，请在问题详情中办理', en: 'Nothing to do; change the workflow from the problem page if needed' },
  ],
  status_unknown: [
    { 'zh-CN': '无法识别整改状态“{value}”', en: 'Unknown status "{value}"' },
    { 'zh-CN': '请填写“待交办”“整改中”或“已销号”', en: 'Write 待交办 (registered), 整改中 (rectifying) or 已销号 (closed)' },
  ],
  status_completed_as_closed: [
    { 'zh-CN': '整改状态为“{value}”，将按“已销号”导入', en: 'Status "{value}" is imported as closed' },
    {
      'zh-CN': '如果这个问题还没有验收销号、需要在系统中自查和核查，请改为“整改中”',
      en: 'If the problem has not been verified and closed yet and must go through self-check and verification in ducha, write 整改中 (rectifying)',
    },
  ],
  status_inferred_closed: [
    { 'zh-CN': '整改状态为空但填写了销号日期 {date}，将按“已销号”导入', en: 'No status but a closing date ({date}): imported as closed' },
    { 'zh-CN': '如果还没有销号，请删除销号日期或填写整改状态', en: 'If it is not closed, delete the closing date or fill in the status' },
  ],
  closed_on_future: [
    { 'zh-CN': '销号日期 {date} 晚于今天', en: 'Closing date {date} is in the future' },
    { 'zh-CN': '请填写实际销号的日期', en: 'Write the date the problem was actually closed' },
  ],
  closed_on_ignored: [
    { 'zh-CN': '整改状态为“{value}”，销号日期 {date} 不会导入', en: 'Status is "{value}": the closing date {date} is not imported' },
    { 'zh-CN': '如果已经销号，请把整改状态改为“已销号”；否则请删除销号日期', en: 'If it is closed, write 已销号 as status; otherwise delete the closing date' },
  ],
  closed_on_defaulted: [
    { 'zh-CN': '已销号但没有填写销号日期，将记为今天（{date}）', en: 'Closed without a closing date: recorded as today ({date})' },
    { 'zh-CN': '如需准确记录，请填写实际销号日期', en: 'Fill in the actual closing date for an exact record' },
  ],
  date_invalid: [
    { 'zh-CN': '日期“{value}”不存在', en: 'The date "{value}" does not exist' },
    { 'zh-CN': '请检查年、月、日，例如 2025年6月30日 或 2025-06-30', en: 'Check year, month and day, e.g. 2025-06-30' },
  ],
  date_out_of_range: [
    { 'zh-CN': '日期“{value}”超出合理范围', en: 'The date "{value}" is out of range' },
    { 'zh-CN': '请填写 1990 年至 2100 年之间的日期', en: 'Write a date between 1990 and 2100' },
  ],
  date_unrecognised: [
    { 'zh-CN': '无法识别日期“{value}”', en: 'Cannot read the date "{value}"' },
    { 'zh-CN': '请填写日期，例如 2025-06-30、2025/6/30 或 2025年6月30日', en: 'Write a date such as 2025-06-30, 2025/6/30 or 2025年6月30日' },
  ],
  deadline_missing: [
    { 'zh-CN': '没有填写整改时限', en: 'No deadline' },
    { 'zh-CN': '请填写完成日期（如 2025年12月底前），或填写“立行立改”“长期坚持”', en: 'Write a date (e.g. 2025年12月底前), or 立行立改 (at once) or 长期坚持 (ongoing)' },
  ],
  deadline_unrecognised: [
    { 'zh-CN': '无法识别整改时限“{value}”', en: 'Cannot read the deadline "{value}"' },
    {
      'zh-CN': '请填写完成日期（如 2025年12月底前、2025-12-31），或填写“立行立改”“长期坚持”',
      en: 'Write a date (e.g. 2025年12月底前, 2025-12-31), or 立行立改 (at once) or 长期坚持 (ongoing)',
    },
  ],
  deadline_year_assumed: [
    { 'zh-CN': '整改时限没有写年份，按 {year} 年计为 {date}', en: 'The deadline names no year: taken as {date} ({year})' },
    { 'zh-CN': '如果年份不对，请写明年份，例如 2026年6月底前', en: 'If the year is wrong, write it, e.g. 2026年6月底前' },
  ],
  deadline_kind_ambiguous: [
    { 'zh-CN': '整改时限既写了日期又写了“立行立改”或“长期坚持”，已按日期 {date} 导入', en: 'The deadline has a date and 立行立改/长期坚持: imported as the date {date}' },
    { 'zh-CN': '如需按长期坚持管理，请只填写“长期坚持”', en: 'To manage it as ongoing, write only 长期坚持' },
  ],
  deadline_past: [
    { 'zh-CN': '整改时限 {date} 已过', en: 'The deadline {date} has passed' },
    {
      'zh-CN': '如已完成，请把整改状态改为“已销号”；如已批准延期，请填写延期后的时限；否则导入后将显示为逾期',
      en: 'If it is done, write 已销号 as status; if an extension was approved, write the new deadline; otherwise it shows as overdue',
    },
  ],
  source_missing: [
    { 'zh-CN': '没有填写问题来源', en: 'No source' },
    { 'zh-CN': '请填写问题来源，或在导入设置中选择默认的问题来源', en: 'Fill in the source, or choose a default source in the import settings' },
  ],
  source_unknown: [
    { 'zh-CN': '无法识别问题来源“{value}”', en: 'Unknown source "{value}"' },
    { 'zh-CN': `请填写以下之一：${SOURCE_LIST['zh-CN']}`, en: `Write one of: ${SOURCE_LIST.en}` },
  ],
  category_missing: [
    { 'zh-CN': '没有填写问题类型', en: 'No category' },
    { 'zh-CN': '请填写问题类型，或在导入设置中选择默认的问题类型', en: 'Fill in the category, or choose a default category in the import settings' },
  ],
  category_unknown: [
    { 'zh-CN': '无法识别问题类型“{value}”', en: 'Unknown category "{value}"' },
    { 'zh-CN': `请填写以下之一：${CATEGORY_LIST['zh-CN']}`, en: `Write one of: ${CATEGORY_LIST.en}` },
  ],
  round_unknown: [
    { 'zh-CN': '找不到督察轮次“{value}”，本行将按默认轮次导入', en: 'No inspection round "{value}": the default round is used' },
    { 'zh-CN': '请核对轮次名称，或先在“督察轮次”中新增这一轮', en: 'Check the round name, or add the round under Inspection rounds first' },
  ],
  round_ambiguous: [
    { 'zh-CN': '督察轮次“{value}”对应多个轮次，本行将按默认轮次导入', en: 'The round "{value}" matches several rounds: the default round is used' },
    { 'zh-CN': '请填写轮次全称', en: 'Write the full name of the round' },
  ],
  batch_unknown: [
    { 'zh-CN': '找不到交办批次“{value}”，本行将不关联批次', en: 'No batch "{value}": the row is imported without a batch' },
    { 'zh-CN': '请填写该轮次已有的批次（如“第1批”），或先在“督察轮次”中新增批次', en: 'Write a batch of that round (e.g. 第1批), or add the batch under Inspection rounds first' },
  ],
  batch_ambiguous: [
    { 'zh-CN': '交办批次“{value}”在多个轮次中都有，本行将不关联批次', en: 'Batch "{value}" exists in several rounds: the row is imported without a batch' },
    { 'zh-CN': '请同时填写督察轮次', en: 'Fill in the inspection round too' },
  ],
  description_missing: [
    { 'zh-CN': '没有填写问题描述', en: 'No description' },
    { 'zh-CN': '问题描述是必填项，请填写', en: 'The description is required' },
  ],
  description_from_title: [
    { 'zh-CN': '问题描述为空，已用问题简述代替', en: 'No description: the title is used instead' },
    { 'zh-CN': '如有详细情况，请补充到“问题描述”', en: 'Add the details to 问题描述 (description) if there are any' },
  ],
  region_unknown: [
    { 'zh-CN': '找不到行政区划“{value}”', en: 'No region "{value}"' },
    { 'zh-CN': '请填写乡镇（街道）名称，或由管理员先在“行政区划”中新增', en: 'Write the town or street name, or ask an administrator to add the region' },
  ],
  region_ambiguous: [
    { 'zh-CN': '行政区划“{value}”对应多个地方', en: 'The region "{value}" matches several places' },
    { 'zh-CN': '请在乡镇名称前写上所属县（市、区）', en: 'Write the county before the town name' },
  ],
  coordinates_invalid: [
    { 'zh-CN': '无法识别经纬度“{value}”', en: 'Cannot read the coordinates "{value}"' },
    { 'zh-CN': '请按“经度,纬度”填写，例如 120.123456,30.456789', en: 'Write "longitude,latitude", e.g. 120.123456,30.456789' },
  ],
  coordinates_out_of_range: [
    { 'zh-CN': '经纬度“{value}”不在我国范围内', en: 'The coordinates "{value}" are outside China' },
    { 'zh-CN': '经度应在 73～136 之间，纬度应在 3～54 之间，请核对是否多写或少写了位数', en: 'Longitude must be 73–136 and latitude 3–54; check the digits' },
  ],
  coordinates_swapped: [
    { 'zh-CN': '经度和纬度填反了，已按经度 {lng}、纬度 {lat} 导入', en: 'Longitude and latitude were swapped: imported as {lng}, {lat}' },
    { 'zh-CN': '无需处理；以后请把经度填在“经度”列', en: 'Nothing to do; put the longitude in the longitude column next time' },
  ],
  uscc_invalid_length: [
    { 'zh-CN': '统一社会信用代码“{value}”不是 18 位', en: 'Credit code "{value}" is not 18 characters' },
    { 'zh-CN': '请对照营业执照核对 18 位代码', en: 'Copy the 18-character code from the business licence' },
  ],
  uscc_invalid_charset: [
    { 'zh-CN': '统一社会信用代码“{value}”含有不允许的字符', en: 'Credit code "{value}" contains characters that are not allowed' },
    { 'zh-CN': '代码只含数字和大写字母（不含 I、O、Z、S、V），请对照营业执照核对', en: 'Codes use digits and capital letters except I, O, Z, S, V; check against the licence' },
  ],
  uscc_invalid_division: [
    { 'zh-CN': '统一社会信用代码“{value}”的第 3～8 位不是有效的行政区划代码', en: 'Characters 3–8 of credit code "{value}" are not a valid region code' },
    { 'zh-CN': '请对照营业执照核对代码', en: 'Check the code against the business licence' },
  ],
  uscc_invalid_checksum: [
    { 'zh-CN': '统一社会信用代码“{value}”的校验位不正确', en: 'The check character of credit code "{value}" is wrong' },
    { 'zh-CN': '按前 17 位计算，最后一位应为“{expected}”，请对照营业执照核对是否录错', en: 'From the first 17 characters the last one should be "{expected}"; check for a typo' },
  ],
  unit_unknown: [
    { 'zh-CN': '找不到单位“{name}”', en: 'No unit "{name}"' },
    { 'zh-CN': '请改为单位全称或简称，或先在“单位管理”中新增该单位', en: 'Write the unit’s full or short name, or add the unit under Units first' },
  ],
  unit_ambiguous: [
    { 'zh-CN': '单位“{name}”对应多个单位', en: 'The unit "{name}" matches several units' },
    { 'zh-CN': '请填写单位全称', en: 'Write the unit’s full name' },
  ],
  lead_unit_multiple: [
    { 'zh-CN': '牵头单位填了多个，已将“{lead}”作为牵头单位，“{others}”作为配合单位', en: 'Several lead units: "{lead}" leads, "{others}" cooperate' },
    { 'zh-CN': '如有误，请在“牵头单位”只填一个单位，其余填到“配合单位”', en: 'If that is wrong, keep one unit in 牵头单位 and move the others to 配合单位' },
  ],
  lead_unit_missing: [
    { 'zh-CN': '没有填写牵头单位', en: 'No lead unit' },
    { 'zh-CN': '可以在导入后交办时再指定牵头单位', en: 'The lead unit can be chosen when the problem is assigned' },
  ],
  lead_unit_required: [
    { 'zh-CN': '没有填写牵头单位', en: 'No lead unit' },
    { 'zh-CN': '正在整改或已销号的问题必须有牵头单位，请填写', en: 'Problems being rectified or closed need a lead unit; fill it in' },
  ],
  lead_unit_also_cooperating: [
    { 'zh-CN': '牵头单位“{name}”同时列在配合单位中，已从配合单位中去掉', en: 'The lead unit "{name}" is also listed as cooperating; removed from the cooperating units' },
    { 'zh-CN': '无需处理', en: 'Nothing to do' },
  ],
  cooperating_units_too_many: [
    { 'zh-CN': '配合单位过多：{count} 个，最多 {max} 个', en: 'Too many cooperating units: {count}, at most {max}' },
    { 'zh-CN': '请精简配合单位', en: 'Keep fewer cooperating units' },
  ],
  leader_unknown: [
    { 'zh-CN': '找不到责任领导“{name}”，本行将不关联责任领导', en: 'No leader "{name}": the row is imported without a leader' },
    { 'zh-CN': '责任领导须是系统中有“领导”角色的用户，请核对姓名，或请管理员先添加', en: 'The leader must be a user with the leader role; check the name or ask an administrator to add the user' },
  ],
  leader_ambiguous: [
    { 'zh-CN': '责任领导“{name}”对应多个用户，本行将不关联责任领导', en: 'The leader "{name}" matches several users: the row is imported without a leader' },
    { 'zh-CN': '请填写完整姓名', en: 'Write the full name' },
  ],
  leader_multiple: [
    { 'zh-CN': '责任领导填了多人，只导入第一位“{name}”', en: 'Several leaders: only the first, "{name}", is imported' },
    { 'zh-CN': '如需更换，请导入后在问题详情中调整', en: 'Change it on the problem page after importing if needed' },
  ],
  phone_invalid: [
    { 'zh-CN': '联系电话“{value}”格式不正确', en: 'The phone number "{value}" is not valid' },
    { 'zh-CN': '请填写 11 位手机号或带区号的座机号，例如 13905710001 或 0571-88886666', en: 'Write an 11-digit mobile or a landline with area code, e.g. 13905710001 or 0571-88886666' },
  ],
  closing_criteria_too_many: [
    { 'zh-CN': '验收标准过多：{count} 条，最多 {max} 条', en: 'Too many closing criteria: {count}, at most {max}' },
    { 'zh-CN': '请合并或精简验收标准', en: 'Merge or shorten the criteria' },
  ],
  flag_unknown: [
    { 'zh-CN': '无法识别挂牌督办“{value}”', en: 'Cannot read the flag "{value}"' },
    { 'zh-CN': '请填写“否”“是”“省级挂牌督办”“市级挂牌督办”或“县级挂牌督办”', en: 'Write 否, 是, 省级挂牌督办, 市级挂牌督办 or 县级挂牌督办' },
  ],
  public_unknown: [
    { 'zh-CN': '无法识别是否公开“{value}”', en: 'Cannot read "public" value "{value}"' },
    { 'zh-CN': '请填写“是”或“否”', en: 'Write 是 (yes) or 否 (no)' },
  ],
  possible_duplicate_stored: [
    { 'zh-CN': '问题描述与系统中已有问题“{code}”几乎相同，可能重复', en: 'The description is almost the same as stored problem "{code}": possibly a duplicate' },
    {
      'zh-CN': '请核对是否为同一问题；如是，请删除这一行，或填写问题编号“{code}”来更新已有问题',
      en: 'Check whether it is the same problem; if so, delete the row or write the code "{code}" to update it',
    },
  ],
  possible_duplicate_in_file: [
    { 'zh-CN': '问题描述与第 {row} 行几乎相同，可能重复', en: 'The description is almost the same as row {row}: possibly a duplicate' },
    { 'zh-CN': '请核对两行是否为同一问题；如是，请删除其中一行', en: 'Check whether both rows are the same problem; if so, delete one' },
  ],
  row_unchanged: [
    { 'zh-CN': '与已登记的问题 {code} 完全一致，无需更新', en: 'Identical to the stored problem {code}: nothing to update' },
    { 'zh-CN': '无需处理，该行不会写入', en: 'Nothing to do; the row is not written' },
  ],
  update_not_editable: [
    { 'zh-CN': '问题 {code} 已进入销号程序，台账信息已冻结，不能通过导入修改（{fields}）', en: 'Problem {code} is in the closing steps; its ledger is frozen and cannot be changed by import ({fields})' },
    { 'zh-CN': '请删除该行，或改回与系统中一致；确需修改请联系督察办在系统中处理', en: 'Delete the row or make it match the stored problem; ask the coordinator to change it in ducha if needed' },
  ],
};

export const importIssueCatalog: Catalog = Object.fromEntries(
  Object.entries(ISSUES).flatMap(([code, [message, fix]]) => [
    [`import.${code}`, message],
    [`import.${code}.fix`, fix],
  ]),
);

/** Words of the annotated workbook and of issue lists. */
export const importWorkbookCatalog = {
  'import.sheet.summary': { 'zh-CN': '导入校验汇总', en: 'Import check' },
  'import.column.result': { 'zh-CN': '校验结果', en: 'Check result' },
  'import.summary.row': { 'zh-CN': '行', en: 'Row' },
  'import.summary.column': { 'zh-CN': '列', en: 'Column' },
  'import.summary.field': { 'zh-CN': '字段', en: 'Field' },
  'import.summary.severity': { 'zh-CN': '类别', en: 'Kind' },
  'import.summary.problem': { 'zh-CN': '问题', en: 'Problem' },
  'import.summary.fix': { 'zh-CN': '修改建议', en: 'How to fix' },
  'import.summary.none': { 'zh-CN': '未发现问题，可以导入', en: 'No problems found; the file can be imported' },
  'import.severity.error': { 'zh-CN': '错误', en: 'Error' },
  'import.severity.warning': { 'zh-CN': '提示', en: 'Warning' },
  'import.result.ok': { 'zh-CN': '通过', en: 'OK' },
  'import.suggestions': { 'zh-CN': '相近的有：{list}', en: 'Similar: {list}' },
} satisfies Catalog;

export interface FormattedIssue {
  message: string;
  fix: string;
  /** The column's header as ducha names it (zh-CN header or English name), '' for whole-row issues. */
  field: string;
  severity: string;
}

/**
 * An issue in words: message and fix hint in `lang`, the stored status named by its label, and the suggestions
 * appended to the fix ("相近的有：青溪县水利局、…").
 */
export function formatImportIssue(issue: Pick<RowIssue, 'code' | 'params' | 'suggestions' | 'column' | 'severity'>, lang: Language): FormattedIssue {
  const params = { ...issue.params };
  if (typeof params.storedStatus === 'string') {
    params.storedStatus = translate(vocabularyCatalog, lang, `problemStatus.${params.storedStatus}`);
  }
  let fix = translate(importIssueCatalog, lang, `import.${issue.code}.fix`, params);
  if (issue.suggestions?.length) {
    const list = issue.suggestions.join(lang === 'en' ? ', ' : '、');
    fix += (lang === 'en' ? '. ' : '。') + translate(importWorkbookCatalog, lang, 'import.suggestions', { list });
  }
  const column = issue.column ? LEDGER_COLUMN_BY_KEY[issue.column] : null;
  return {
    message: translate(importIssueCatalog, lang, `import.${issue.code}`, params),
    fix,
    field: column ? (lang === 'en' ? column.en : column.header) : '',
    severity: translate(importWorkbookCatalog, lang, `import.severity.${issue.severity}`),
  };
}
