import { isUiKey, type TFunction } from '../../i18n/I18nProvider';
import type { UiKey } from '../../i18n/ui';
import type { NotificationItem } from './api';

/** Parameters that are stored values get their label before they go into the sentence. */
const LABELLED: Record<string, string> = { role: 'unitRole', result: 'verification', status: 'extensionStatus', light: 'warning' };

/**
 * The sentence of a notification in the reader's language, from its kind and parameters. A kind this version does
 * not know yet still reads as something ("您有一条新消息").
 */
export function notificationSentence(t: TFunction, n: NotificationItem): string {
  const params: Record<string, string | number> = { code: n.problemCode ?? '', title: '', reason: '', campaign: '', newDeadline: '', dueOn: '' };
  for (const [k, v] of Object.entries(n.params)) {
    if (v === null) continue;
    const prefix = LABELLED[k];
    params[k] = prefix && isUiKey(`${prefix}.${v}`) ? t(`${prefix}.${v}` as UiKey) : v;
  }
  if ((n.kind === 'due_soon' || n.kind === 'overdue') && typeof n.params.reason === 'string' && isUiKey(`warningReason.${n.params.reason}`))
    params.reason = t(`warningReason.${n.params.reason}` as UiKey);
  const key = `notification.${n.kind}`;
  return isUiKey(key) ? t(key, params) : t('notification.unknown', params);
}

/** Where a click on a notification leads. */
export function notificationLink(n: NotificationItem): string | null {
  if (n.kind === 'lookback_check' && n.params.checkId) return `/lookback/checks/${n.params.checkId}`;
  if (n.kind === 'daily_digest') return '/todo';
  if (n.problemId) {
    const tab = n.kind === 'report_returned' ? '?tab=reports' : n.kind === 'extension_decided' ? '?tab=extensions' : '';
    return `/problems/${n.problemId}${tab}`;
  }
  return null;
}
