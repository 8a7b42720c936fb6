import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Drawer, Grid, Layout } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { NotificationBell } from '../../features/notifications/components/NotificationBell';
import { PageLoading } from '../../components/results';
import { useT } from '../../i18n/I18nProvider';
import { useMe, useSession } from '../../session/SessionProvider';
import { activeLink, flatLinks, visibleNavigation } from '../nav';
import { Brand } from './Brand';
import { SideNav } from './SideNav';
import { UserMenu } from './UserMenu';

/** The frame of every signed-in page: Sider (a drawer on phones), header, content, footer. */
export function AppLayout() {
  const t = useT();
  const me = useMe();
  const { can } = useSession();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const siderCollapsed = collapsed ?? !screens.xl;
  const { pathname } = useLocation();
  const current = activeLink(flatLinks(visibleNavigation(can)), pathname);
  const pageTitle = current ? t(current.label) : null;
  useEffect(() => {
    // A new page starts at its top (a long form's submit button must not leave the next page scrolled down).
    window.scrollTo(0, 0);
  }, [pathname]);
  useEffect(() => {
    // Tabs and browser history read "用户管理 · 生态环境保护督察…" rather than the same name everywhere.
    document.title = pageTitle ? `${pageTitle} · ${t('app.productName')}` : t('app.productName');
  }, [pageTitle, t]);

  return (
    <Layout className="app-shell">
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          className="nav-drawer"
          styles={{ body: { padding: 0, background: '#0b2545' } }}
        >
          <Brand collapsed={false} region={me.region.name} />
          <SideNav onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider width={232} collapsedWidth={72} collapsed={siderCollapsed} trigger={null} className="app-sider">
          <Brand collapsed={siderCollapsed} region={me.region.name} />
          <SideNav />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Button
            type="text"
            aria-label={t('header.toggleNav')}
            data-testid="nav-toggle"
            icon={isPhone || siderCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (isPhone ? setDrawerOpen(true) : setCollapsed(!siderCollapsed))}
          />
          {isPhone ? (
            // A phone has room for the short name only (督察整改 / Ducha); the full name is the tooltip.
            <span className="app-header__title" title={t('app.productName')} data-testid="header-title">
              {t('app.shortName')}
            </span>
          ) : (
            <Breadcrumb
              className="app-header__crumbs"
              items={[
                { title: me.region.name },
                ...(current?.group ? [{ title: t(current.group) }] : []),
                ...(current ? [{ title: t(current.label) }] : []),
              ]}
            />
          )}
          <div className="app-header__spacer" />
          <NotificationBell />
          <LanguageSwitch size={isPhone ? 'small' : 'middle'} />
          <UserMenu />
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">
          {/* The region's name is never broken over two lines ("青溪 / 县") when the English name wraps. */}
          {t('app.productName')} · <span className="app-footer__region">{me.region.name}</span>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
