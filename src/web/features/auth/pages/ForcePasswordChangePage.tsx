import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Typography } from 'antd';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { PasswordChangeForm } from '../../../components/PasswordChangeForm';
import { useT } from '../../../i18n/I18nProvider';
import { ME_KEY, useMe, useSession } from '../../../session/SessionProvider';

/** A new or reset account must choose its own password before anything else. */
export function ForcePasswordChangePage() {
  const t = useT();
  const me = useMe();
  const { signOut } = useSession();
  const queryClient = useQueryClient();
  return (
    <div className="login-page">
      <div className="login-page__lang">
        <LanguageSwitch />
      </div>
      <main className="login-page__main">
        <Card className="login-card login-card--wide" variant="borderless" data-testid="force-password-change">
          <Typography.Title level={4}>{t('forceChange.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('forceChange.body', { name: me.displayName })}</Typography.Paragraph>
          <PasswordChangeForm onChanged={() => queryClient.invalidateQueries({ queryKey: ME_KEY })} />
          <Button type="link" className="login-card__signout" onClick={() => void signOut()}>
            {t('header.signOut')}
          </Button>
        </Card>
      </main>
    </div>
  );
}
