import '../ui/styles-workspace';
import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../ui/states';
import { useAuth } from './auth-context';
import { homeFor } from './require-role';

export default function LoginPage() {
  const t = useT();
  usePageTitle(t('login.title'));
  const { signIn, me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; body: string } | null>(null);

  if (me && !busy) return <Navigate to={from ?? homeFor(me.role)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const user = await signIn(email.trim(), password);
      navigate(from ?? homeFor(user.role), { replace: true });
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      const detail = err instanceof ApiError ? err.problem.detail : undefined;
      if (status === 429)
        setError({ title: t('login.lockedTitle'), body: t('login.locked') + (detail ? ` (${detail})` : '') });
      else if (status === 401 || status === 400 || status === 422)
        setError({ title: t('login.failedTitle'), body: t('login.failed') });
      else setError({ title: t('error.title'), body: status === 0 ? t('error.network') : (detail ?? t('error.5xx')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={440} mx="auto">
      <Title order={1}>{t('login.title')}</Title>
      <Text c="dimmed">{t('login.lead')}</Text>
      <Card withBorder padding="lg">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            {error && (
              <Alert color="red" title={error.title} role="alert">
                {error.body}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} disabled={!email || !password}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
      {/* no request for demo accounts: no route lists them, and the page must make no failing request */}
      <Text size="sm" c="dimmed">
        {t('login.demo')}
      </Text>
    </Stack>
  );
}
