import { Badge } from '@mantine/core';
import type { RequestStatus } from '../api/model';
import { useT } from '../i18n/i18n';

const COLORS: Record<RequestStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_triage: 'indigo',
  info_requested: 'orange',
  in_assessment: 'violet',
  declined: 'red',
  matching: 'cyan',
  setup: 'teal',
  in_implementation: 'green',
  completed: 'green',
  closed: 'dark',
  withdrawn: 'gray',
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  const t = useT();
  return (
    // Dark text on the tint: the colour helps, the words carry the meaning (and the contrast).
    <Badge
      color={COLORS[status] ?? 'gray'}
      variant="light"
      radius="sm"
      c="#1b1f24"
      tt="none"
      style={{ minInlineSize: 'max-content' }}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const t = useT();
  return (
    <Badge color="red" variant="filled" radius="sm" tt="none" style={{ minInlineSize: 'max-content' }}>
      {t('request.overdue')}
    </Badge>
  );
}
