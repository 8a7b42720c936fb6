import type { Catalog } from './translate.js';

/**
 * Stable error codes returned by the API as `{ code, message }`; the message is rendered in the caller's language.
 * Codes never change once published; add new ones instead.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { 'zh-CN': '输入有误：{detail}', en: 'Invalid input: {detail}' },
  BAD_REQUEST: { 'zh-CN': '请求格式不正确', en: 'Malformed request' },
  NOT_FOUND: { 'zh-CN': '未找到该资源，或您无权查看', en: 'Not found, or you may not see it' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  CSRF_INVALID: {
    'zh-CN': '页面已过期或请求来源不可信，请刷新后重试',
    en: 'The page has expired or the request origin is not trusted; reload and try again',
  },
  AUTH_INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_LOCKED: {
    'zh-CN': '密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员',
    en: 'Too many failed attempts; the account is locked. Try again in {minutes} minutes or ask an administrator',
  },
  AUTH_DISABLED: { 'zh-CN': '账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  AUTH_WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_WEAK: { 'zh-CN': '密码不符合要求：{problems}', en: 'The password is too weak: {problems}' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  CONFLICT: { 'zh-CN': '数据已被他人修改，请刷新后重试', en: 'The record changed meanwhile; reload and try again' },
  USERNAME_TAKEN: { 'zh-CN': '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  REGION_CODE_INVALID: {
    'zh-CN': '行政区划代码“{code}”格式不正确（县级 6 位，乡镇/街道 9 位）',
    en: 'Region code "{code}" is invalid (6 digits for a county, 9 for a town/street)',
  },
  REGION_CODE_TAKEN: { 'zh-CN': '行政区划代码“{code}”已存在', en: 'Region code "{code}" already exists' },
  REGION_CODE_OUTSIDE_PARENT: {
    'zh-CN': '行政区划代码“{code}”不属于上级区划“{parent}”',
    en: 'Region code "{code}" does not belong to the parent region "{parent}"',
  },
  TREE_CYCLE: { 'zh-CN': '不能移动到自身或其下级之下', en: 'Cannot move a node under itself or its descendants' },
  PARENT_DISABLED: { 'zh-CN': '上级已停用，不能在其下新增或移入', en: 'The parent is disabled; nothing can be added under it' },
  HAS_ACTIVE_CHILDREN: {
    'zh-CN': '仍有启用的下级（{count} 个），请先停用或移走下级',
    en: 'It still has {count} enabled children; disable or move them first',
  },
  UNIT_HAS_ACTIVE_USERS: {
    'zh-CN': '该单位仍有 {count} 个启用的用户，请先停用或调整这些用户',
    en: 'The unit still has {count} enabled users; disable or move them first',
  },
  USCC_INVALID: {
    'zh-CN': '统一社会信用代码“{code}”不正确：{reason}',
    en: 'Unified social credit code "{code}" is invalid: {reason}',
  },
  USCC_TAKEN: { 'zh-CN': '统一社会信用代码“{code}”已登记在“{unit}”', en: 'Credit code "{code}" is already used by "{unit}"' },
  ENTERPRISE_NEEDS_USCC: {
    'zh-CN': '企业必须填写统一社会信用代码',
    en: 'An enterprise must have a unified social credit code',
  },
  CANNOT_DISABLE_SELF: { 'zh-CN': '不能停用自己的账号或移除自己的管理员角色', en: 'You cannot disable yourself or drop your own admin role' },
  CALENDAR_INVALID: { 'zh-CN': '日历数据有误：{detail}', en: 'Invalid calendar data: {detail}' },
  CALENDAR_YEAR_MISMATCH: {
    'zh-CN': '地址中的年份 {path} 与数据中的年份 {body} 不一致',
    en: 'Year {path} in the address differs from year {body} in the data',
  },
  ACTION_WRONG_STATUS: {
    'zh-CN': '问题当前状态为“{status}”，不能执行“{action}”',
    en: 'The problem is "{status}"; "{action}" is not possible now',
  },
  ACTION_WRONG_DEADLINE_KIND: {
    'zh-CN': '该问题的整改时限类型不允许“{action}”（长期坚持的问题按期报送、标记阶段性完成，不走销号流程）',
    en: '"{action}" does not apply to this kind of deadline (ongoing problems report periodically and are marked phase-done, never closed)',
  },
  ACTION_NOTHING_PENDING: { 'zh-CN': '当前没有待处理的事项，不能“{action}”', en: 'Nothing is waiting for "{action}"' },
  ACTION_NOT_YOUR_PART: { 'zh-CN': '“{action}”不由您所在单位或角色办理', en: '"{action}" is not for your unit or role' },
  PROBLEM_NEEDS_LEAD_UNIT: { 'zh-CN': '交办前须确定牵头单位', en: 'Choose the lead unit before assigning' },
  PROBLEM_NEEDS_DEADLINE: { 'zh-CN': '整改时限为具体日期时须填写日期', en: 'A dated deadline needs its date' },
  PROBLEM_NEEDS_CRITERIA: { 'zh-CN': '交办前须填写验收标准（销号标准）', en: 'Add the closing criteria before assigning' },
  LEAD_ALSO_COOPERATING: { 'zh-CN': '牵头单位不能同时作为配合单位', en: 'The lead unit cannot also be a cooperating unit' },
  UNIT_NOT_ENTERPRISE: { 'zh-CN': '所选“涉及企业”不是企业单位', en: 'The chosen enterprise is not an enterprise unit' },
  USER_NOT_LEADER: { 'zh-CN': '责任领导须为具有“区领导”角色的用户', en: 'The responsible leader must hold the leader role' },
  MILESTONE_UNKNOWN: { 'zh-CN': '时间节点不属于该问题：{id}', en: 'Milestone {id} does not belong to this problem' },
  EVIDENCE_UNKNOWN: { 'zh-CN': '佐证材料不属于该问题：{id}', en: 'Evidence {id} does not belong to this problem' },
  REPORT_NOT_RETURNABLE: { 'zh-CN': '该进展报送不存在或已被退回', en: 'That progress report does not exist or was already returned' },
  EXTENSION_NOT_LATER: { 'zh-CN': '延期后的时限须晚于当前时限 {current}', en: 'The new deadline must be later than the current one ({current})' },
  EXTENSION_PENDING: { 'zh-CN': '已有一项延期申请待审批', en: 'An extension request is already waiting for a decision' },
  EXTENSION_NOT_PENDING: { 'zh-CN': '该延期申请不存在或已审批', en: 'That extension request does not exist or was decided' },
  SELF_CHECK_CRITERIA_MISMATCH: {
    'zh-CN': '自查须逐条对应验收标准（共 {expected} 条），缺少：{missing}',
    en: 'The self-check must answer each closing criterion ({expected}); missing: {missing}',
  },
  SELF_CHECK_NEEDS_EVIDENCE: { 'zh-CN': '自查须至少附一份佐证材料', en: 'The self-check needs at least one piece of evidence' },
  VERIFIER_NOT_INDEPENDENT: {
    'zh-CN': '核查人须来自整改单位以外的单位（谁验收谁负责）',
    en: 'The verifier must belong to a unit other than the rectifying ones',
  },
  VERIFIER_NOT_FOUND: { 'zh-CN': '所选用户不是启用的核查人', en: 'The chosen user is not an enabled verifier' },
  VERIFICATION_NEEDS_REASONS: { 'zh-CN': '核查不通过须写明原因', en: 'A failed verification needs its reasons' },
  VERIFICATION_NEEDS_PHOTOS: { 'zh-CN': '核查须附现场照片', en: 'A verification needs on-site photos' },
  OBJECTION_NOT_PENDING: { 'zh-CN': '该异议不存在或已处理', en: 'That objection does not exist or was decided' },
  OBJECTIONS_PENDING: { 'zh-CN': '尚有 {count} 条异议未处理，不能结束公示', en: '{count} objections are still pending; the notice cannot end' },
  NOTICE_NOT_OVER: { 'zh-CN': '公示期至 {endsOn} 结束，尚未期满', en: 'The notice runs until {endsOn}; it is not over yet' },
  BATCH_TAKEN: { 'zh-CN': '第 {number} 批已存在', en: 'Batch {number} already exists' },
  FILING_DATE_INVALID: { 'zh-CN': '备案日期须在归档日期（{from}）至今天（{to}）之间', en: 'The filing date must lie between the archive date ({from}) and today ({to})' },
  PHASE_ALREADY_DONE: { 'zh-CN': '{period}已标记为阶段性完成', en: '{period} is already marked phase-done' },
  EVIDENCE_NOT_MULTIPART: { 'zh-CN': '请以 multipart/form-data 表单上传文件', en: 'Upload the file as multipart/form-data' },
  EVIDENCE_FILE_MISSING: { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  EVIDENCE_ONE_FILE: { 'zh-CN': '每次只能上传一个文件', en: 'Upload one file at a time' },
  EVIDENCE_TOO_LARGE: { 'zh-CN': '文件超过 {limit} 的上限', en: 'The file exceeds the {limit} limit' },
  EVIDENCE_TYPE_NOT_ALLOWED: {
    'zh-CN': '不支持该文件类型：只接受 JPEG、PNG、WebP、HEIC 照片和 PDF、Word、Excel、ZIP 文件（按文件内容识别）',
    en: 'This type of file is not accepted: only JPEG, PNG, WebP and HEIC photos and PDF, Word, Excel and ZIP files (recognised by their content)',
  },
  EVIDENCE_TYPE_MISMATCH: { 'zh-CN': '文件名“{name}”的扩展名与文件实际内容（{detected}）不符', en: 'The extension of "{name}" does not match its content ({detected})' },
  EVIDENCE_PAIR_INCOMPLETE: { 'zh-CN': '整改前后对比照须同时填写“前/后”和对比点位', en: 'A before/after photo needs both its role (pairRole) and its spot (pairKey)' },
  EVIDENCE_PAIR_NEEDS_PHOTO: { 'zh-CN': '只有照片才能作为整改前后对比照', en: 'Only photos can be before/after photos' },
  EVIDENCE_LOCATION_INCOMPLETE: { 'zh-CN': '拍摄位置须同时包含经度和纬度', en: 'The capture location needs both longitude and latitude' },
  EVIDENCE_NOT_YOUR_PART: {
    'zh-CN': '您不能为该问题上传此用途的佐证材料（整改单位：进展、自查；核查人：核查；回头看核查人：回头看；督察办：全部）',
    en: 'You may not add evidence for this purpose to this problem (rectifying units: progress, self-check; the verifier: verification; look-back checkers: look-back; the coordinator: any)',
  },
  EVIDENCE_PROBLEM_FROZEN: { 'zh-CN': '问题当前状态为“{status}”，材料已冻结，只能补充回头看佐证材料', en: 'The problem is "{status}"; its file is frozen and takes only look-back evidence' },
  EVIDENCE_FILE_UNAVAILABLE: { 'zh-CN': '佐证材料文件（编号 {id}）暂时无法读取，已记录，请联系管理员', en: 'The file of evidence {id} cannot be read; this was logged, contact an administrator' },
  LOOKBACK_NOTHING_TO_DRAW: { 'zh-CN': '没有符合条件的已销号问题可供抽取', en: 'No closed problems match; nothing to draw' },
  LOOKBACK_CHECK_UNKNOWN: { 'zh-CN': '核查任务 {id} 不属于该回头看批次', en: 'Check {id} does not belong to this look-back campaign' },
  LOOKBACK_CHECK_RECORDED: {
    'zh-CN': '该回头看核查已录入结果，不能再录入或改派',
    en: 'This look-back check already has its result; it cannot be recorded again or reassigned',
  },
  LOOKBACK_CHECKER_NOT_FOUND: {
    'zh-CN': '所选核查人不存在、已停用或不在您的管辖范围内',
    en: 'The chosen checker does not exist, is disabled or is outside your scope',
  },
  LOOKBACK_CHECKER_NOT_INDEPENDENT: {
    'zh-CN': '回头看核查人须来自整改单位以外的单位（谁验收谁负责）',
    en: 'The checker must belong to a unit other than the rectifying ones',
  },
  EXPORT_TOO_LARGE: {
    'zh-CN': '符合条件的记录有 {count} 条，超过单次导出上限 {max} 条，请缩小筛选范围后分批导出',
    en: '{count} records match, more than the {max} one export may hold; narrow the filters and export in parts',
  },
  // Word documents (督办通知单, 销号申请表, 调度通报)
  NOTICE_WRONG_STATUS: {
    'zh-CN': '问题当前状态为“{status}”，只能对已交办、已签收或整改中的问题发督办通知单',
    en: 'The problem is "{status}"; supervision notices are for problems assigned, acknowledged or being rectified',
  },
  NOTICE_NOTHING_TO_SUPERVISE: {
    'zh-CN': '“{unit}”目前没有亮灯预警的整改问题，无需发督办通知单',
    en: '"{unit}" has no problem with a warning light; there is nothing to supervise',
  },
  DOCUMENT_REPLY_BY_PAST: { 'zh-CN': '报送期限 {date} 早于今天', en: 'The reply date {date} is in the past' },
  DOCUMENT_ISSUER_INVALID: {
    'zh-CN': '发文机关名称须为 2–60 个字，且在同一行内（不含换行等控制字符）；留空则使用默认名称',
    en: 'The issuing authority must be 2–60 characters on one line (no line breaks); leave it empty for the default',
  },
  DOCUMENT_PREFIX_INVALID: {
    'zh-CN': '机关代字须为 1–12 个汉字（可含字母），不含数字、空格和括号，例如“青督办”；留空则使用默认代字',
    en: 'The document number prefix must be 1–12 Chinese characters (letters allowed), without digits, spaces or brackets, e.g. 青督办; leave it empty for the default',
  },
  REPORT_PERIOD_INVALID: {
    'zh-CN': '统计期间 {from} 至 {to} 不正确：开始日期不能晚于结束日期，期间不能超过 10 年',
    en: 'The period {from} to {to} is invalid: it must not end before it starts nor span more than 10 years',
  },
  IMPORT_NOT_LEDGER: {
    'zh-CN': '未能在文件中找到问题台账的表头（如“问题描述”“牵头单位”“整改时限”），请确认上传的是问题清单，或在下一步手动指定表头行和各列',
    en: 'No ledger header (such as 问题描述, 牵头单位, 整改时限) was found; check the file, or choose the header row and columns by hand',
  },
  IMPORT_TOO_LARGE: { 'zh-CN': '文件过大：最多 {max}，请拆分后分批导入', en: 'The file is too large: at most {max}; split it and import in parts' },
  IMPORT_HAS_ERRORS: {
    'zh-CN': '仍有 {n} 处错误，请按校验结果修改文件后重新上传，或调整列对应关系；全部无误后才能导入',
    en: '{n} errors remain; fix the file and upload it again, or correct the mapping. Nothing is imported until every row is valid',
  },
  IMPORT_RECHECK_NEEDED: {
    'zh-CN': '上次导入未成功（{error}），请先点“重新校验”，无误后再导入',
    en: 'The last attempt failed ({error}); check the file again (re-check) before importing',
  },
  IMPORT_INTERRUPTED: {
    'zh-CN': '导入过程中服务中断，未写入任何数据，请重新校验后再导入',
    en: 'The import was interrupted (the server stopped); nothing was written. Check the file again, then import',
  },
  IMPORT_FILE_PURGED: {
    'zh-CN': '该导入记录的原始文件已超过保留期限并已删除，请重新上传台账',
    en: 'The uploaded file of this import was deleted after its retention period; upload the ledger again',
  },
  IMPORT_NOTHING_TO_DO: { 'zh-CN': '没有可导入的行', en: 'There is no row to import' },
  IMPORT_ALREADY_COMMITTED: { 'zh-CN': '该台账已导入完成，不能再修改或重复导入', en: 'This ledger is already imported; it cannot be changed or imported again' },
  IMPORT_IN_PROGRESS: { 'zh-CN': '正在导入，请稍候', en: 'The import is running; please wait' },
  IMPORT_CODE_TAKEN: { 'zh-CN': '问题编号已被其他问题使用：{codes}', en: 'These problem codes are already used: {codes}' },
  IMPORT_MAPPING_INVALID: { 'zh-CN': '列对应关系有误：{detail}', en: 'Invalid column mapping: {detail}' },
  IMPORT_FILE_UNREADABLE: {
    'zh-CN': '无法读取文件“{fileName}”：请上传 Excel 工作簿（.xlsx）或 CSV 文件；旧版 .xls 请先在 Excel 中“另存为” .xlsx；如文件已损坏，请重新导出后再上传',
    en: 'Cannot read "{fileName}": upload an Excel workbook (.xlsx) or a CSV file; save old .xls files as .xlsx in Excel first; if the file is damaged, export it again',
  },
  INTERNAL: {
    'zh-CN': '服务器内部错误，已记录，请稍后重试（编号 {ref}）',
    en: 'Internal server error; it was logged. Try again later (ref {ref})',
  },
} satisfies Catalog;

export type ErrorCode = keyof typeof errorCatalog;

export const uscReasonCatalog = {
  length: { 'zh-CN': '应为 18 位', en: 'must be 18 characters' },
  charset: { 'zh-CN': '含有不允许的字符', en: 'contains characters that are not allowed' },
  division: { 'zh-CN': '第 3–8 位行政区划码不正确', en: 'positions 3–8 are not a valid division code' },
  checksum: { 'zh-CN': '校验位不正确（应为 {expected}）', en: 'the check character is wrong (should be {expected})' },
} satisfies Catalog;

export const passwordProblemCatalog = {
  too_short: { 'zh-CN': '至少 10 位', en: 'at least 10 characters' },
  too_long: { 'zh-CN': '最多 128 位', en: 'at most 128 characters' },
  too_few_classes: {
    'zh-CN': '需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'use at least three of: upper case, lower case, digits, symbols',
  },
  contains_username: { 'zh-CN': '不能包含用户名或姓名', en: 'must not contain the username or name' },
  common: { 'zh-CN': '过于常见，容易被猜到', en: 'too common, easy to guess' },
  repeated: { 'zh-CN': '不能有连续重复或顺序字符', en: 'no long repeats or sequences' },
} satisfies Catalog;

/** Labels used inside error messages (statuses and actions of the closed loop). */
export const loopLabelCatalog = {
  'status.registered': { 'zh-CN': '待交办', en: 'registered' },
  'status.assigned': { 'zh-CN': '已交办', en: 'assigned' },
  'status.acknowledged': { 'zh-CN': '已签收', en: 'acknowledged' },
  'status.rectifying': { 'zh-CN': '整改中', en: 'rectifying' },
  'status.self_check_submitted': { 'zh-CN': '自查申请', en: 'self-check submitted' },
  'status.verifying': { 'zh-CN': '核查中', en: 'verifying' },
  'status.public_notice': { 'zh-CN': '公示中', en: 'on public notice' },
  'status.notice_completed': { 'zh-CN': '公示期满待归档', en: 'notice completed' },
  'status.archived': { 'zh-CN': '已归档', en: 'archived' },
  'status.closed': { 'zh-CN': '已销号', en: 'closed' },
  'action.edit': { 'zh-CN': '修改', en: 'edit' },
  'action.assign': { 'zh-CN': '交办', en: 'assign' },
  'action.acknowledge': { 'zh-CN': '签收', en: 'acknowledge' },
  'action.report_progress': { 'zh-CN': '进展报送', en: 'report progress' },
  'action.return_report': { 'zh-CN': '退回报送', en: 'return a report' },
  'action.request_extension': { 'zh-CN': '申请延期', en: 'request an extension' },
  'action.decide_extension': { 'zh-CN': '审批延期', en: 'decide an extension' },
  'action.submit_self_check': { 'zh-CN': '自查签字提交', en: 'sign and submit the self-check' },
  'action.start_verification': { 'zh-CN': '指派核查', en: 'start verification' },
  'action.record_verification': { 'zh-CN': '录入核查结果', en: 'record the verification' },
  'action.record_objection': { 'zh-CN': '登记异议', en: 'record an objection' },
  'action.decide_objection': { 'zh-CN': '处理异议', en: 'decide an objection' },
  'action.end_notice': { 'zh-CN': '结束公示', en: 'end the notice' },
  'action.archive': { 'zh-CN': '归档', en: 'archive' },
  'action.file': { 'zh-CN': '备案销号', en: 'file' },
  'action.mark_phase_done': { 'zh-CN': '标记阶段性完成', en: 'mark phase done' },
  'action.reopen': { 'zh-CN': '重新整改', en: 'reopen' },
} satisfies Catalog;
