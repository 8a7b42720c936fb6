import { Card, Col, Descriptions, Row } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { PasswordChangeForm } from '../../../components/PasswordChangeForm';
import { RoleTags } from '../../../components/labels';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { useMe } from '../../../session/SessionProvider';
import { ProfileForm } from '../components/ProfileForm';

/** 个人中心: one's own account, contact details, language and password. */
export function ProfilePage() {
  const t = useT();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('menu.profile')} description={t('profile.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.account')} variant="borderless" className="mb-16">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('field.username'), children: me.username },
                { key: 'unit', label: t('field.unit'), children: me.unit.name },
                { key: 'region', label: t('field.region'), children: `${me.region.name}（${me.region.code}）` },
                { key: 'roles', label: t('field.roles'), children: <RoleTags roles={me.roles} /> },
                { key: 'login', label: t('home.signedInAt'), children: formatDateTime(me.lastLoginAt) },
              ]}
            />
          </Card>
          <Card title={t('profile.details')} variant="borderless">
            <ProfileForm />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('profile.password')} variant="borderless">
            <PasswordChangeForm />
          </Card>
        </Col>
      </Row>
    </>
  );
}
