import { lazy, type ComponentType } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { NotFoundResult } from '../components/results';
import { LoginPage } from '../features/auth';
import { DisclosureRoute } from '../features/disclosure';
import { useSession } from '../session/SessionProvider';
import { Allowed, RequireAuth } from './guards';
import { AppLayout } from './layout/AppLayout';
import { flatLinks, visibleNavigation } from './nav';
import { Providers } from './providers';

/** Each screen is its own chunk, fetched the first time someone opens it. */
function page<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const HomePage = page(() => import('../features/home/pages/HomePage'), 'HomePage');
const ProfilePage = page(() => import('../features/profile/pages/ProfilePage'), 'ProfilePage');
const RegionsPage = page(() => import('../features/regions/pages/RegionsPage'), 'RegionsPage');
const UnitsBrowsePage = page(() => import('../features/units/pages/UnitsBrowsePage'), 'UnitsBrowsePage');
const UnitsAdminPage = page(() => import('../features/units/pages/UnitsAdminPage'), 'UnitsAdminPage');
const UsersBrowsePage = page(() => import('../features/users/pages/UsersBrowsePage'), 'UsersBrowsePage');
const UsersAdminPage = page(() => import('../features/users/pages/UsersAdminPage'), 'UsersAdminPage');
const CalendarPage = page(() => import('../features/calendar/pages/CalendarPage'), 'CalendarPage');
const AuditPage = page(() => import('../features/audit/pages/AuditPage'), 'AuditPage');
const TodoPage = page(() => import('../features/todo/pages/TodoPage'), 'TodoPage');
const ProblemsPage = page(() => import('../features/problems/pages/ProblemsPage'), 'ProblemsPage');
const ProblemDetailPage = page(() => import('../features/problems/pages/ProblemDetailPage'), 'ProblemDetailPage');
const ProblemNewPage = page(() => import('../features/problems/pages/ProblemFormPages'), 'ProblemNewPage');
const ProblemEditPage = page(() => import('../features/problems/pages/ProblemFormPages'), 'ProblemEditPage');
const ImportPage = page(() => import('../features/imports/pages/ImportPage'), 'ImportPage');
const LookbackPage = page(() => import('../features/lookback/pages/LookbackPage'), 'LookbackPage');
const CampaignPage = page(() => import('../features/lookback/pages/CampaignPage'), 'CampaignPage');
const CheckPage = page(() => import('../features/lookback/pages/CheckPage'), 'CheckPage');
const RoundsPage = page(() => import('../features/rounds/pages/RoundsPage'), 'RoundsPage');
const PlansPage = page(() => import('../features/rounds/pages/PlansPage'), 'PlansPage');
const BulletinPage = page(() => import('../features/documents/pages/BulletinPage'), 'BulletinPage');
const LoopSettingsPage = page(() => import('../features/settings/pages/LoopSettingsPage'), 'LoopSettingsPage');
const DocumentSettingsPage = page(() => import('../features/settings/pages/DocumentSettingsPage'), 'DocumentSettingsPage');

/** Managers reach the editable screen from the read-only address too. */
function ManagersTo({ manage, to, children }: { manage: 'unit.manage' | 'user.manage'; to: string; children: React.ReactNode }) {
  const { can } = useSession();
  return can(manage) ? <Navigate to={to} replace /> : <>{children}</>;
}

/** The home page's quick links are the rest of this user's navigation. */
function HomeRoute() {
  const { can } = useSession();
  const links = flatLinks(visibleNavigation(can)).filter((l) => l.path !== '/');
  return <HomePage links={links} todo={links.some((l) => l.path === '/todo')} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/public/disclosure" element={<DisclosureRoute />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomeRoute />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route
            path="units"
            element={
              <Allowed permission="unit.read">
                <ManagersTo manage="unit.manage" to="/admin/units">
                  <UnitsBrowsePage />
                </ManagersTo>
              </Allowed>
            }
          />
          <Route
            path="users"
            element={
              <Allowed permission="user.read">
                <ManagersTo manage="user.manage" to="/admin/users">
                  <UsersBrowsePage />
                </ManagersTo>
              </Allowed>
            }
          />
          <Route path="calendar" element={<Allowed permission="calendar.read"><CalendarPage /></Allowed>} />
          <Route path="admin/regions" element={<Allowed permission="region.manage"><RegionsPage /></Allowed>} />
          <Route path="admin/units" element={<Allowed permission="unit.manage"><UnitsAdminPage /></Allowed>} />
          <Route path="admin/users" element={<Allowed permission="user.manage"><UsersAdminPage /></Allowed>} />
          <Route path="admin/settings" element={<Allowed permission="settings.manage"><LoopSettingsPage /></Allowed>} />
          <Route path="admin/settings/documents" element={<Allowed permission="settings.manage"><DocumentSettingsPage /></Allowed>} />
          <Route path="admin/audit" element={<Allowed permission="audit.read"><AuditPage /></Allowed>} />
          <Route path="todo" element={<Allowed permission="problem.read"><TodoPage /></Allowed>} />
          <Route path="problems" element={<Allowed permission="problem.read"><ProblemsPage /></Allowed>} />
          <Route path="problems/new" element={<Allowed permission="problem.register"><ProblemNewPage /></Allowed>} />
          <Route path="problems/import" element={<Allowed permission="ledger.import"><ImportPage /></Allowed>} />
          <Route path="problems/:id" element={<Allowed permission="problem.read"><ProblemDetailPage /></Allowed>} />
          <Route path="problems/:id/edit" element={<Allowed permission="problem.register"><ProblemEditPage /></Allowed>} />
          <Route path="lookback" element={<Allowed permission="problem.read"><LookbackPage /></Allowed>} />
          <Route path="lookback/checks/:id" element={<Allowed permission="problem.read"><CheckPage /></Allowed>} />
          <Route path="lookback/:id" element={<Allowed permission="problem.register"><CampaignPage /></Allowed>} />
          <Route path="rounds" element={<Allowed permission="problem.read"><RoundsPage /></Allowed>} />
          <Route path="plans" element={<Allowed permission="problem.read"><PlansPage /></Allowed>} />
          <Route path="reports/bulletin" element={<Allowed permission="report.read"><BulletinPage /></Allowed>} />
          <Route path="*" element={<NotFoundResult />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
