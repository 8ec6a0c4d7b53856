import { Group, Progress, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { formatBytes, percentOf, type Progress as DownloadState } from './download';

/** What a long download is doing: a bar when the size is known, else the bytes received; announced politely. */
export function DownloadProgress({ progress, label }: { progress: DownloadState | null; label: string }) {
  const { t, lang } = useI18n();
  if (!progress) return null;
  const percent = percentOf(progress);
  return (
    <Group gap="xs" role="status" aria-live="polite" miw={220}>
      {percent !== null && <Progress value={percent} size="sm" w={120} aria-label={label} />}
      <Text size="xs" c="dimmed">
        {percent !== null
          ? t('download.percent', { percent, size: formatBytes(progress.total ?? 0, lang) })
          : t('download.received', { size: formatBytes(progress.received, lang) })}
      </Text>
    </Group>
  );
}
