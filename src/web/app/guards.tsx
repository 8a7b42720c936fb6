import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ForcePasswordChangePage } from '../features/auth';
import { ForbiddenResult, PageLoading } from '../components/results';
import type { Permission } from '../session/api';
import { useSession } from '../session/SessionProvider';

/** Everything but the sign-in page: signed out goes to /login; a pending forced password change comes first. */
export function RequireAuth() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.mustChangePassword) return <ForcePasswordChangePage />;
  return <Outlet />;
}

/** A page only for holders of a permission; others get a 403 page, not a blank screen. */
export function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? <>{children}</> : <ForbiddenResult />;
}
