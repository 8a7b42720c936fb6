import { Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { LookbackCheck } from '../api';

/** 巩固 / 反弹 / 待核查. */
export function CheckResultTag({ result }: { result: LookbackCheck['result'] }) {
  const t = useT();
  if (!result) return <Tag color="processing">{t('lookback.pending')}</Tag>;
  return (
    <Tag color={result === 'rebound' ? 'error' : 'success'} data-testid="check-result">
      {t(`lookbackResult.${result}` as const)}
    </Tag>
  );
}
