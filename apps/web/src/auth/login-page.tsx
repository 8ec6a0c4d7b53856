import '../ui/styles-workspace';
import { Alert, Button, Card, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { Role } from '../api/model';
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
      <DemoAccounts
        onPick={(account, demoPassword) => {
          setEmail(account);
          setPassword(demoPassword);
        }}
      />
    </Stack>
  );
}

interface DemoList {
  password: string;
  accounts: { email: string; name?: string; role: Role }[];
}

/**
 * In demo mode the API lists its demo accounts (GET /api/v1/auth/demo-accounts); elsewhere
 * that route does not exist and only the hint shows.
 */
function DemoAccounts({ onPick }: { onPick: (email: string, password: string) => void }) {
  const t = useT();
  const demo = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: async (): Promise<DemoList | null> => {
      const res = await fetch('/api/v1/auth/demo-accounts', { headers: { accept: 'application/json' } });
      return res.ok ? ((await res.json()) as DemoList) : null;
    },
    retry: false,
    staleTime: Infinity,
  });
  const list = demo.data;
  if (!list?.accounts?.length)
    return (
      <Text size="sm" c="dimmed">
        {t('login.demo')}
      </Text>
    );
  return (
    <Card withBorder padding="md">
      <Text fw={600}>{t('login.demoTitle')}</Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('login.demoPassword', { password: list.password })}
      </Text>
      <Table aria-label={t('login.demoTitle')} verticalSpacing={4}>
        <Table.Tbody>
          {list.accounts.map((a) => (
            <Table.Tr key={a.email}>
              <Table.Td>{t(`role.${a.role}`)}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {a.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onPick(a.email, list.password)}
                  aria-label={t('login.demoUseFor', { email: a.email })}
                >
                  {t('login.demoUse')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
