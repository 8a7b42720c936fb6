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
