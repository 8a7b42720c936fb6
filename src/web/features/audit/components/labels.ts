import type { TFunction } from '../../../i18n/I18nProvider';
import { ui, type UiKey } from '../../../i18n/ui';

/** A label from the catalog when there is one, else the raw code (new actions still show, just untranslated). */
const lookup = (t: TFunction, key: string, fallback: string) => (key in ui ? t(key as UiKey) : fallback);

export const actionLabel = (t: TFunction, action: string) => lookup(t, `action.${action}`, action);
export const entityLabel = (t: TFunction, type: string) => lookup(t, `entity.${type}`, type);
export const fieldLabel = (t: TFunction, field: string) => lookup(t, `field.${field}`, field);

/**
 * Enum values in before/after shown the way the rest of the UI names them (department → 职能部门), with the code
 * kept in brackets so an auditor can still match the raw record. Undefined when there is nothing to translate.
 */
export function valueLabel(t: TFunction, field: string, value: unknown): string | undefined {
  const one = (v: unknown): string | undefined => {
    if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
    if (typeof v !== 'string') return undefined;
    const prefix = field === 'kind' ? 'unitKind' : field === 'level' ? 'regionLevel' : field === 'roles' ? 'role' : null;
    if (!prefix || !(`${prefix}.${v}` in ui)) return undefined;
    return `${t(`${prefix}.${v}` as UiKey)}（${v}）`;
  };
  if (Array.isArray(value)) {
    const parts = value.map(one);
    return parts.every((p) => p !== undefined) ? parts.join('、') : undefined;
  }
  return one(value);
}

export const ENTITY_TYPES = ['problem', 'evidence', 'lookback_campaign', 'round', 'batch', 'plan', 'user', 'unit', 'region', 'calendar', 'settings', 'export', 'document', 'system'] as const;
export const ACTION_PREFIXES = [
  'auth.',
  'user.',
  'unit.',
  'region.',
  'calendar.',
  'system.',
  'problem.',
  'evidence.',
  'lookback.',
  'settings.',
  'export.',
  'auth.sign_in',
  'user.created',
  'user.updated',
  'user.locked',
  'user.password_changed',
  'user.password_reset',
  'user.profile_updated',
  'unit.created',
  'unit.updated',
  'region.created',
  'region.updated',
  'calendar.loaded',
  'calendar.replaced',
] as const;
