import { Card, Descriptions, Typography } from 'antd';
import dayjs from 'dayjs';
import { RoleTags } from '../../../components/labels';
import { useT } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';
import { formatDateTime } from '../../../lib/format';
import { useMe } from '../../../session/SessionProvider';

function greetingKey(hour: number): UiKey {
  if (hour < 6) return 'home.greetNight';
  if (hour < 12) return 'home.greetMorning';
  if (hour < 14) return 'home.greetNoon';
  if (hour < 19) return 'home.greetAfternoon';
  return 'home.greetEvening';
}

export function WelcomeCard() {
  const t = useT();
  const me = useMe();
  return (
    <Card className="welcome-card" variant="borderless">
      <Typography.Title level={3} className="welcome-card__title" data-testid="home-greeting">
        {t(greetingKey(dayjs().hour()), { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.welcomeLine')}</Typography.Paragraph>
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        items={[
          { key: 'unit', label: t('home.unit'), children: me.unit.name },
          { key: 'region', label: t('home.region'), children: `${me.region.name}（${me.region.code}）` },
          { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
          { key: 'login', label: t('home.signedInAt'), children: formatDateTime(me.lastLoginAt) },
        ]}
      />
    </Card>
  );
}
