import { Button, Result, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useT } from '../i18n/I18nProvider';

export function ForbiddenResult() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('result.forbiddenTitle')}
      subTitle={t('result.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundResult() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('result.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** A query failed: say why (the server's message) and offer to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('result.loadFailed')}
      subTitle={errorMessage(error)}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}

export function PageLoading() {
  const t = useT();
  return (
    <div className="page-loading">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
