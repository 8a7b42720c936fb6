/** The problem's vocabularies (domain.md §1, §3). Labels live in the i18n catalogs; these are the stored values. */
export const PROBLEM_SOURCES = [
  'central_inspection', // 中央生态环境保护督察
  'central_lookback', // 中央督察"回头看"
  'provincial_inspection', // 省级督察
  'special_inspection', // 专项督察
  'undercover_check', // 暗查暗访
  'warning_film', // 警示片
  'cross_check', // 全覆盖交叉暗访督查
  'bureau_bulletin', // 生态环境部门通报
  'self_inspection', // 自查/大排查大起底
  'grid_patrol', // 网格巡查
  'complaint', // 群众举报
  'other',
] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const PROBLEM_CATEGORIES = [
  'water',
  'air',
  'soil',
  'solid_waste',
  'noise',
  'ecology',
  'protected_area',
  'yangtze_fishing_ban',
  'radiation',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** 立行立改 / a date / 长期坚持. */
export const DEADLINE_KINDS = ['immediate', 'date', 'ongoing'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** 挂牌督办 level. */
export const FLAG_LEVELS = ['province', 'city', 'county'] as const;
export type FlagLevel = (typeof FLAG_LEVELS)[number];

export const ROUND_KINDS = ['central', 'central_lookback', 'provincial', 'special', 'other'] as const;
export const PLAN_KINDS = ['overall', 'task_list', 'special'] as const;
