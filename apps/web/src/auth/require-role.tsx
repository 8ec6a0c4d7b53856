import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Role } from '../api/model';
import { useT } from '../i18n/i18n';
import { Loading } from '../ui/states';
import { Alert } from '@mantine/core';
import { useAuth } from './auth-context';

/** Guards a route by the role from /auth/me; anonymous users go to /login and come back. */
export function RequireRole({ roles }: { roles?: Role[] }) {
  const { status, me } = useAuth();
  const location = useLocation();
  const t = useT();
  if (status === 'loading') return <Loading />;
  if (status === 'anonymous' || !me)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.includes(me.role))
    return (
      <Alert color="orange" title={t('error.forbiddenTitle')} role="alert">
        {t('error.forbiddenRole', { role: t(`role.${me.role}`) })}
      </Alert>
    );
  return <Outlet />;
}

export function homeFor(role: Role): string {
  switch (role) {
    case 'focal_point':
    case 'hub_officer':
      return '/app/requests';
    case 'partner_officer':
      return '/app/invitations';
    case 'fund_manager':
    case 'steering_committee':
      return '/app/fund';
    case 'donor':
      return '/app/donor';
    case 'admin':
      return '/app/admin';
  }
}
