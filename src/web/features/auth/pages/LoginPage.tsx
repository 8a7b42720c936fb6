import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { ServerErrorAlert } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { sessionApi } from '../../../session/api';
import { useSession } from '../../../session/SessionProvider';

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const t = useT();
  const { me, setMe, expired } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) => sessionApi.login(v.username, v.password),
    onSuccess: (signedIn) => {
      setMe(signedIn);
      navigate(next, { replace: true });
    },
  });
  if (me) return <Navigate to={next} replace />;

  return (
    <div className="login-page">
      <div className="login-page__lang">
        <LanguageSwitch />
      </div>
      <main className="login-page__main">
        <Card className="login-card" variant="borderless">
          <div className="login-card__head">
            <img src="/favicon.svg" alt="" className="login-card__logo" />
            <Typography.Title level={3} className="login-card__title">
              {t('app.productName')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.tagline')}</Typography.Text>
          </div>
          {expired && <Alert type="warning" showIcon title={t('login.expired')} className="mb-16" />}
          <Form layout="vertical" size="large" onFinish={(v) => login.mutate(v)} requiredMark={false} data-testid="login-form">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder={t('login.usernamePlaceholder')} />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder={t('login.passwordPlaceholder')} />
            </Form.Item>
            <div role="alert" data-testid="login-error">
              <ServerErrorAlert error={login.error} />
            </div>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-card__help">
            {t('login.help')}
          </Typography.Paragraph>
          <Typography.Paragraph className="login-card__help">
            <Link to="/public/disclosure" data-testid="login-disclosure-link">
              {t('login.disclosureLink')}
            </Link>
          </Typography.Paragraph>
        </Card>
      </main>
      <footer className="login-page__footer">{t('login.footer')}</footer>
    </div>
  );
}
