import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Flex, Grid, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { RoleTags } from '../../components/labels';
import { useT } from '../../i18n/I18nProvider';
import { useMe, useSession } from '../../session/SessionProvider';

/** Who is signed in (name, unit, roles) and the way out. */
export function UserMenu() {
  const t = useT();
  const me = useMe();
  const { signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const items = [
    { key: 'profile', icon: <UserOutlined />, label: t('menu.profile') },
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.signOut'), danger: true },
  ];
  const onClick = ({ key }: { key: string }) => {
    if (key === 'profile') navigate('/profile');
    if (key === 'logout')
      signOut()
        .then(() => {
          message.success(t('header.signedOut'));
          navigate('/login', { replace: true });
        })
        .catch((e: unknown) => message.error(errorMessage(e)));
  };
  return (
    <Flex align="center" gap={12} className="user-menu">
      {screens.xl && <RoleTags roles={me.roles} />}
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <button type="button" className="user-menu__trigger" data-testid="user-menu" aria-label={t('header.account')}>
          <Avatar size="small" className="user-menu__avatar">
            {me.displayName.slice(0, 1)}
          </Avatar>
          {screens.md && (
            <span className="user-menu__text">
              <Typography.Text strong className="user-menu__name">
                {me.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" className="user-menu__unit" ellipsis>
                {me.unit.name}
              </Typography.Text>
            </span>
          )}
        </button>
      </Dropdown>
    </Flex>
  );
}
