import {
  ApartmentOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  FlagOutlined,
  FileTextOutlined,
  FileWordOutlined,
  HistoryOutlined,
  ProjectOutlined,
  UnorderedListOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  ImportOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { UiKey } from '../i18n/ui';
import type { Permission } from '../session/api';

export interface NavLink {
  path: string;
  label: UiKey;
  /** One line for the quick links on the home page. */
  hint: UiKey;
  icon: ReactNode;
  /** Shown when the user has this permission (absent: everyone). */
  needs?: Permission;
  /** Hidden when the user has this one: managers get the admin screen instead of the read-only one. */
  unless?: Permission;
  /** A count shown next to the label (the to-do). */
  badge?: 'todo';
}

export interface NavGroup {
  group: UiKey;
  icon: ReactNode;
  children: NavLink[];
}

export type NavEntry = NavLink | NavGroup;

/**
 * The whole navigation, built only from the user's permissions. Working days are everyone's business, so the
 * read-only calendar sits at the top level; the editable one belongs with the other system settings.
 */
export const navigation: NavEntry[] = [
  { path: '/', label: 'menu.home', hint: 'hint.home', icon: <HomeOutlined /> },
  // The work of the closed loop. Administrators run the system, not the loop: they get the ledger read-only.
  { path: '/todo', label: 'menu.todo', hint: 'hint.todo', icon: <CheckSquareOutlined />, needs: 'problem.read', unless: 'settings.manage', badge: 'todo' },
  { path: '/problems', label: 'menu.problems', hint: 'hint.problems', icon: <UnorderedListOutlined />, needs: 'problem.read' },
  { path: '/problems/import', label: 'menu.import', hint: 'hint.import', icon: <ImportOutlined />, needs: 'ledger.import' },
  { path: '/lookback', label: 'menu.lookback', hint: 'hint.lookback', icon: <HistoryOutlined />, needs: 'problem.read', unless: 'settings.manage' },
  { path: '/rounds', label: 'menu.rounds', hint: 'hint.rounds', icon: <FlagOutlined />, needs: 'problem.register' },
  { path: '/plans', label: 'menu.plans', hint: 'hint.plans', icon: <ProjectOutlined />, needs: 'problem.register' },
  { path: '/reports/bulletin', label: 'menu.bulletin', hint: 'hint.bulletin', icon: <FileTextOutlined />, needs: 'report.read' },
  { path: '/units', label: 'menu.units', hint: 'hint.units', icon: <ApartmentOutlined />, needs: 'unit.read', unless: 'unit.manage' },
  { path: '/users', label: 'menu.users', hint: 'hint.users', icon: <TeamOutlined />, needs: 'user.read', unless: 'user.manage' },
  { path: '/calendar', label: 'menu.calendar', hint: 'hint.calendar', icon: <CalendarOutlined />, needs: 'calendar.read', unless: 'calendar.manage' },
  {
    group: 'menu.system',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/regions', label: 'menu.regions', hint: 'hint.regions', icon: <EnvironmentOutlined />, needs: 'region.manage' },
      { path: '/admin/units', label: 'menu.unitAdmin', hint: 'hint.unitAdmin', icon: <ClusterOutlined />, needs: 'unit.manage' },
      { path: '/admin/users', label: 'menu.userAdmin', hint: 'hint.userAdmin', icon: <UsergroupAddOutlined />, needs: 'user.manage' },
      { path: '/calendar', label: 'menu.calendar', hint: 'hint.calendarManage', icon: <CalendarOutlined />, needs: 'calendar.manage' },
      { path: '/admin/settings', label: 'menu.loopSettings', hint: 'hint.loopSettings', icon: <ControlOutlined />, needs: 'settings.manage' },
      { path: '/admin/settings/documents', label: 'menu.documentSettings', hint: 'hint.documentSettings', icon: <FileWordOutlined />, needs: 'settings.manage' },
      { path: '/admin/audit', label: 'menu.audit', hint: 'hint.audit', icon: <AuditOutlined />, needs: 'audit.read' },
    ],
  },
  { path: '/profile', label: 'menu.profile', hint: 'hint.profile', icon: <UserOutlined /> },
];

export const isGroup = (entry: NavEntry): entry is NavGroup => 'group' in entry;

/** The navigation this user may see: links they hold permissions for, groups with at least one such link. */
export function visibleNavigation(can: (p: Permission) => boolean): NavEntry[] {
  const shows = (link: NavLink) => (!link.needs || can(link.needs)) && !(link.unless && can(link.unless));
  const out: NavEntry[] = [];
  for (const entry of navigation) {
    if (isGroup(entry)) {
      const children = entry.children.filter(shows);
      if (children.length) out.push({ ...entry, children });
    } else if (shows(entry)) out.push(entry);
  }
  return out;
}

/** All visible links, flattened (for quick links and for finding the current page). */
export const flatLinks = (entries: NavEntry[]): (NavLink & { group?: UiKey })[] =>
  entries.flatMap((e) => (isGroup(e) ? e.children.map((c) => ({ ...c, group: e.group })) : [e]));

/** The link the current path belongs to: the longest matching prefix ("/" only matches itself). */
export function activeLink<T extends NavLink>(links: T[], pathname: string): T | undefined {
  return links
    .filter((l) => (l.path === '/' ? pathname === '/' : pathname === l.path || pathname.startsWith(`${l.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
