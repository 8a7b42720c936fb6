import { ImportOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';

/** 导入台账 on the ledger's toolbar, for those who may import. */
export function ImportLedgerButton() {
  const t = useT();
  const { can } = useSession();
  if (!can('ledger.import')) return null;
  return (
    <Link to="/problems/import">
      <Button icon={<ImportOutlined />} data-testid="ledger-import">
        {t('imports.button')}
      </Button>
    </Link>
  );
}
