import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n';

/** Says what went wrong and what to do next, using the API's problem+json `detail`. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 0;
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  const fields = error instanceof ApiError ? error.problem.fields : undefined;
  const advice =
    status === 0
      ? t('error.network')
      : status === 401
        ? t('error.401')
        : status === 403
          ? t('error.403')
          : status === 404
            ? t('error.404')
            : status === 409
              ? t('error.409')
              : status === 429
                ? t('error.429')
                : status >= 500
                  ? t('error.5xx')
                  : t('error.4xx');
  return (
    <Alert color="red" variant="light" title={title ?? t('error.title')} role="alert">
      {detail && <Text size="sm">{detail}</Text>}
      {fields && fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field + f.message}>
              <Text size="sm">
                {f.field}: {f.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <Text size="sm" mt={detail ? 'xs' : 0}>
        {advice}
      </Text>
      <Group mt="sm" gap="sm">
        {onRetry && (
          <Button size="xs" variant="outline" color="red" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        )}
        {status === 401 && (
          <Button size="xs" variant="outline" color="red" component={Link} to="/login">
            {t('nav.signIn')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <Group gap="sm" role="status" aria-live="polite" py="md">
      <Loader size="sm" />
      <Text size="sm" c="dimmed">
        {label ?? t('state.loading')}
      </Text>
    </Group>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <Text c="dimmed" py="md">
      {children}
    </Text>
  );
}

/** Sets the document title so screen-reader users hear where they are after navigation. */
export function usePageTitle(title: string) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.shortName')}`;
  }, [title, t]);
}
