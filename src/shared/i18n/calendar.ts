import type { Catalog } from './translate.js';

/**
 * Messages of the calendar data checks (src/domain/calendar/year-data.ts): each custom issue carries `params.key`
 * naming its entry here, so an administrator loading a year reads what is wrong in their language.
 */
export const calendarIssueCatalog = {
  badDate: { 'zh-CN': '“{input}”不是有效日期，请按 YYYY-MM-DD 填写实际存在的日期', en: '"{input}" is not a valid date: expected an existing calendar date as YYYY-MM-DD' },
  notInYear: { 'zh-CN': '{date} 不在 {year} 年内', en: '{date} is not in year {year}' },
  listedTwice: { 'zh-CN': '{date} 重复列出', en: '{date} is listed more than once' },
  workdayNotWeekend: { 'zh-CN': '调休上班日 {date} 不是周六或周日（调休上班总在周末）', en: 'make-up workday {date} is not a Saturday or Sunday' },
  holidayAndWorkday: { 'zh-CN': '{date} 同时被列为放假日和调休上班日', en: '{date} is listed both as a holiday and as a make-up workday' },
} satisfies Catalog;
