import { Anchor, Box, Button, Container, Group, NativeSelect, Text } from '@mantine/core';
import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import type { Role } from '../api/model';
import { LANGUAGES, useI18n, type Lang } from '../i18n/i18n';
import { Loading } from '../ui/states';
import { NotificationsBell } from './notifications-bell';

const NAV: { to: string; key: string; roles: Role[] }[] = [
  { to: '/app/requests', key: 'nav.requests', roles: ['focal_point', 'hub_officer', 'partner_officer', 'admin'] },
  { to: '/app/requests/new', key: 'nav.newRequest', roles: ['focal_point'] },
  { to: '/app/invitations', key: 'nav.invitations', roles: ['partner_officer', 'hub_officer'] },
  { to: '/app/knowledge', key: 'nav.knowledge', roles: ['hub_officer', 'partner_officer', 'admin'] },
  { to: '/app/knowledge/import', key: 'nav.knowledgeImport', roles: ['hub_officer'] },
  { to: '/app/fund', key: 'nav.fund', roles: ['fund_manager', 'steering_committee'] },
  { to: '/app/donor', key: 'nav.donor', roles: ['donor', 'fund_manager'] },
  { to: '/app/admin', key: 'nav.admin', roles: ['admin'] },
  { to: '/app/dashboard', key: 'nav.dashboard', roles: ['hub_officer', 'admin', 'steering_committee', 'fund_manager'] },
];

export function Shell() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLDivElement>(null);
  const first = useRef(true);

  // After client-side navigation, move focus to the main region so screen readers start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <NavLink to="/" className="brand">
              {t('app.name')}
              <small>{t('app.tagline')}</small>
            </NavLink>
            <Group gap="md" wrap="wrap">
              <NativeSelect
                aria-label={t('nav.language')}
                size="xs"
                value={lang}
                onChange={(e) => setLang(e.currentTarget.value as Lang)}
                data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
              />
              {me ? (
                <>
                  <NotificationsBell />
                  <Text size="sm" c="white" visibleFrom="sm">
                    {me.name} · {t(`role.${me.role}`)}
                  </Text>
                  <Button
                    size="xs"
                    variant="white"
                    onClick={() => {
                      // Leave the guarded page first, so the guard does not bounce to /login.
                      navigate('/');
                      void signOut();
                    }}
                  >
                    {t('nav.signOut')}
                  </Button>
                </>
              ) : location.pathname === '/login' ? null : (
                <Button size="xs" variant="white" component={NavLink} to="/login">
                  {t('nav.signIn')}
                </Button>
              )}
            </Group>
          </Group>
          {me && (
            <Box component="nav" aria-label={t('nav.workspace')} mt="xs">
              <Group gap="lg">
                {NAV.filter((n) => n.roles.includes(me.role)).map((n) => (
                  <NavLink key={n.to} to={n.to} end className="nav-link">
                    {t(n.key)}
                  </NavLink>
                ))}
              </Group>
            </Box>
          )}
        </Container>
      </header>
      <Container size="lg" component="main" id="main" tabIndex={-1} ref={main} py="xl" style={{ outline: 'none' }}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Container>
      <footer className="site-footer">
        <Container size="lg">
          <Text size="sm">{t('footer.about')}</Text>
          <Group gap="md" mt="xs">
            <Anchor href="/api/docs" size="sm">
              {t('footer.apiDocs')}
            </Anchor>
            <Anchor href="/api/v1/open/catalog.jsonld" size="sm">
              {t('footer.openData')}
            </Anchor>
            <Anchor component={Link} to="/privacy" size="sm">
              {t('footer.privacy')}
            </Anchor>
          </Group>
        </Container>
      </footer>
    </>
  );
}
