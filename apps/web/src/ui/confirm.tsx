import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/i18n';
import { ErrorState } from './states';

/**
 * A consequential action asked once more before it happens (submit, accept, approve, mark completed,
 * transfer): what will follow, in words, and the action's own name on the button that does it.
 */
export function ConfirmModal({
  opened,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  loading,
  error,
  danger,
}: {
  opened: boolean;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  loading?: boolean;
  error?: unknown;
  danger?: boolean;
}) {
  const t = useT();
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={t('confirm.title')}
      centered
      closeButtonProps={{ 'aria-label': t('confirm.cancel') }}
    >
      <Stack>
        <Text size="sm">{message}</Text>
        {error ? <ErrorState error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('confirm.cancel')}
          </Button>
          <Button onClick={onConfirm} loading={loading} color={danger ? 'red' : undefined}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
