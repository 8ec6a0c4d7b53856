import { Button, Group } from '@mantine/core';
import { useT } from '../i18n/i18n';
import { ErrorState } from './states';

/** The end of a dialog's form: the refusal if the last try failed, then Cancel and the submit button. */
export function FormFooter({
  error,
  pending,
  onCancel,
  submitLabel,
}: {
  /** The failed mutation's error, or null. */
  error: unknown;
  pending: boolean;
  onCancel: () => void;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <>
      {error != null && <ErrorState error={error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
