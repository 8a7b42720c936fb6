import { Badge, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionProvider';
import { useTodo } from '../../features/todo/api';
import { activeLink, flatLinks, isGroup, visibleNavigation, type NavLink } from '../nav';

/** The permission-built menu, used by the desktop Sider and the phone drawer alike. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = visibleNavigation(can);
  const links = flatLinks(entries);
  const current = activeLink(links, pathname);
  const todo = useTodo(links.some((l) => l.badge === 'todo'));
  const label = (link: NavLink): ReactNode =>
    link.badge === 'todo' && todo.data?.total ? (
      <span className="nav-label-with-badge">
        {t(link.label)}
        <Badge count={todo.data.total} size="small" overflowCount={99} className="nav-badge" data-testid="nav-todo-badge" />
      </span>
    ) : (
      t(link.label)
    );
  const items: MenuProps['items'] = entries.map((entry) =>
    isGroup(entry)
      ? {
          key: entry.group,
          icon: entry.icon,
          label: t(entry.group),
          children: entry.children.map((c) => ({ key: c.path, icon: c.icon, label: label(c) })),
        }
      : { key: entry.path, icon: entry.icon, label: label(entry) },
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
