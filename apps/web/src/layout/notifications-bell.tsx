import { ActionIcon, Indicator } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import * as api from '../api/endpoints';
import { useT } from '../i18n/i18n';

export function NotificationsBell() {
  const t = useT();
  const { data } = useQuery({ queryKey: ['notifications'], queryFn: api.notifications, refetchInterval: 60_000 });
  const unread = data?.unreadCount ?? data?.items.filter((n) => !n.readAt).length ?? 0;
  const label = unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <Indicator label={unread || undefined} disabled={!unread} color="yellow" size={16} offset={4}>
      <ActionIcon component={Link} to="/app/notifications" variant="white" size="lg" aria-label={label} title={label}>
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" />
          <path d="M10 21a2 2 0 0 0 4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
