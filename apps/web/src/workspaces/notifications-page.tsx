import '../ui/styles-workspace';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import * as api from '../api/endpoints';
import type { Notification } from '../api/model';
import { useI18n } from '../i18n/i18n';
import { formatDate } from '../ui/format';
import { Empty, ErrorState, Loading, usePageTitle } from '../ui/states';

function linkOf(n: Notification): string | null {
  if (n.entityType === 'request' && n.entityId) return `/app/requests/${n.entityId}`;
  return null;
}

/**
 * A request's step in words ("CBM-2026-KEN-0001: Information requested") rather than the stored
 * title's action code ("request info"); other notifications as they were written.
 */
function titleOf(n: Notification, t: (key: string) => string): string {
  const action = /^request\.([a-z_]+)$/.exec(n.kind)?.[1];
  const key = `timeline.action.${action}`;
  if (!action || t(key) === key) return n.title;
  const reference = n.title.split(':')[0];
  return reference && reference !== n.title ? `${reference}: ${t(key)}` : t(key);
}

export default function NotificationsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('notifications.title'));
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications'], queryFn: api.notifications });
  const read = useMutation({
    mutationFn: api.markRead,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <Stack>
      <Title order={1}>{t('notifications.title')}</Title>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('notifications.empty')}</Empty>
      ) : (
        <Stack component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {list.data.items.map((n) => {
            const to = linkOf(n);
            return (
              <Card key={n.id} withBorder component="li" padding="sm">
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Group gap={6}>
                      {!n.readAt && <Badge size="xs">{t('notifications.new')}</Badge>}
                      <Text fw={600}>{titleOf(n, t)}</Text>
                    </Group>
                    <Text size="sm">{n.body}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(n.createdAt, lang, true)}
                    </Text>
                    {to && (
                      <Anchor component={Link} to={to} size="sm">
                        {t('action.open')}
                      </Anchor>
                    )}
                  </div>
                  {!n.readAt && (
                    <Button size="xs" variant="subtle" onClick={() => read.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
