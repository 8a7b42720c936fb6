import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionProvider';
import { activeLink, flatLinks, isGroup, visibleNavigation } from '../nav';

/** The permission-built menu, used by the desktop Sider and the phone drawer alike. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = visibleNavigation(can);
  const current = activeLink(flatLinks(entries), pathname);
  const items: MenuProps['items'] = entries.map((entry) =>
    isGroup(entry)
      ? {
          key: entry.group,
          icon: entry.icon,
          label: t(entry.group),
          children: entry.children.map((c) => ({ key: c.path, icon: c.icon, label: t(c.label) })),
        }
      : { key: entry.path, icon: entry.icon, label: t(entry.label) },
  );
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={current ? [current.path] : []}
      defaultOpenKeys={['menu.system']}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      data-testid="side-nav"
    />
  );
}
