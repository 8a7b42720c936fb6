import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useVerifyChain } from '../api';

/** Recompute the hash chain over the whole history and say plainly whether it is intact. */
export function VerifyChainButton() {
  const t = useT();
  const { modal } = App.useApp();
  const verify = useVerifyChain();
  const run = () =>
    verify.mutate(undefined, {
      onSuccess: (v) =>
        v.ok
          ? modal.success({ title: t('audit.chainOk'), content: t('audit.chainOkDetail', { rows: v.rows }), okText: t('common.ok') })
          : modal.error({
              title: t('audit.chainBroken'),
              content: t('audit.chainBrokenDetail', { id: v.brokenId ?? '?', rows: v.rows, reason: v.reason ?? '' }),
              okText: t('common.ok'),
            }),
      onError: (e) => modal.error({ title: t('audit.verifyFailed'), content: errorMessage(e), okText: t('common.ok') }),
    });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={run} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );
}
