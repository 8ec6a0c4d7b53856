import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n';
import { problemMessage } from './problem-message';

/**
 * Says what went wrong and what to do next: a business-rule refusal by its reason in the user's
 * language (problem-message.ts), the API's `detail` beside it.
 */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 0;
  const fields = error instanceof ApiError ? error.problem.fields : undefined;
  const m = problemMessage(status, error instanceof ApiError ? error.problem : undefined, t);
  const fieldLabel = (field: string) => {
    const key = `request.${field}`;
    const label = t(key);
    return label === key ? field : label;
  };
  return (
    <Alert color="red" variant="light" title={title ?? m.title} role="alert">
      {m.message && (
        <Text size="sm" fw={600}>
          {m.message}
        </Text>
      )}
      {m.reason && <Text size="sm">{m.reason}</Text>}
      {fields && fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field + f.message}>
              <Text size="sm">
                {fieldLabel(f.field)}: {f.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {m.advice && (
        <Text size="sm" mt={m.reason || m.message ? 'xs' : 0}>
          {m.advice}
        </Text>
      )}
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
