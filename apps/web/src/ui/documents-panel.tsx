import { Anchor, Button, FileInput, Group, NativeSelect, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  deleteDocument,
  documentContentUrl,
  documents,
  documentsUrl,
  type DocumentParent,
  type DocumentView,
} from '../api/knowledge';
import { useI18n } from '../i18n/i18n';
import { ConfirmModal } from './confirm';
import { downloadFile, formatBytes, percentOf, type Progress as UploadState } from './download';
import { formatDate } from './format';
import { Empty, ErrorState, Loading } from './states';
import { uploadWithProgress } from './upload';

/**
 * The files of one record: listed with their size and date, downloaded (with the bearer token, or as a
 * plain link on the public portal), uploaded with progress and deleted after a confirmation. The API
 * checks the bytes: a refusal (413 too large, 415 type not allowed) is shown with its reason.
 */
export function DocumentsPanel({
  parent,
  canEdit,
  kinds,
  title,
}: {
  parent: DocumentParent;
  canEdit: boolean;
  /** Labels the uploader chooses from (`?kind=`); without them, files are uploaded unlabelled. */
  kinds?: string[];
  title?: string;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const qc = useQueryClient();
  const key = ['documents', parent.type, parent.id];
  const list = useQuery({ queryKey: key, queryFn: () => documents(parent) });
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState(kinds?.[0] ?? '');
  const [progress, setProgress] = useState<UploadState | null>(null);
  const [toDelete, setToDelete] = useState<DocumentView | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => {
      const form = new FormData();
      form.append('file', f, f.name);
      setProgress({ received: 0, total: f.size });
      const url = documentsUrl(parent) + (kind ? `?kind=${encodeURIComponent(kind)}` : '');
      return uploadWithProgress<DocumentView>(url, form, { onProgress: setProgress });
    },
    onSuccess: () => {
      setFile(null);
      setProgress(null);
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (d: DocumentView) => deleteDocument(d.id),
    onSuccess: () => {
      setToDelete(null);
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const download = useMutation({
    mutationFn: (d: DocumentView) =>
      downloadFile(documentContentUrl(parent, d.id), d.name, { accept: d.mediaType || '*/*' }),
  });
  const kindLabel = (k: string | null | undefined) => {
    if (!k) return '—';
    const label = t(`docs.kind.${k}`);
    return label === `docs.kind.${k}` ? k : label;
  };
  const percent = progress ? percentOf(progress) : null;
  const items = list.data ?? [];

  return (
    <section aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title ?? t('docs.title')}
        </Title>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Empty>{t('docs.none')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-labelledby={headingId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('docs.name')}</Table.Th>
                  {kinds && <Table.Th scope="col">{t('docs.kind')}</Table.Th>}
                  <Table.Th scope="col">{t('docs.size')}</Table.Th>
                  <Table.Th scope="col">{t('docs.uploadedAt')}</Table.Th>
                  {canEdit && <Table.Th scope="col">{t('docs.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      {parent.type === 'open_knowledge' ? (
                        <Anchor href={documentContentUrl(parent, d.id)} download={d.name}>
                          {t('docs.download', { name: d.name })}
                        </Anchor>
                      ) : (
                        <Anchor component="button" type="button" onClick={() => download.mutate(d)}>
                          {t('docs.download', { name: d.name })}
                        </Anchor>
                      )}
                    </Table.Td>
                    {kinds && <Table.Td>{kindLabel(d.kind)}</Table.Td>}
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(d.size, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.uploadedAt, lang)}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setToDelete(d)}
                          aria-label={t('docs.deleteNamed', { name: d.name })}
                        >
                          {t('docs.delete')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {download.isError && <ErrorState error={download.error} />}
        {canEdit && (
          <form
            aria-label={t('docs.uploadForm')}
            onSubmit={(e) => {
              e.preventDefault();
              if (file) upload.mutate(file);
            }}
          >
            <Stack gap="xs" maw={520}>
              <Group align="flex-end" gap="sm" wrap="wrap">
                <FileInput
                  label={t('docs.file')}
                  description={t('docs.fileHint')}
                  value={file}
                  onChange={(f) => {
                    setFile(f);
                    upload.reset();
                  }}
                  clearable
                  fileInputProps={{ 'aria-label': t('docs.file') }}
                  style={{ flex: 1, minWidth: 220 }}
                />
                {kinds && (
                  <NativeSelect
                    label={t('docs.kind')}
                    value={kind}
                    onChange={(e) => setKind(e.currentTarget.value)}
                    data={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
                  />
                )}
                <Button type="submit" disabled={!file} loading={upload.isPending}>
                  {t('docs.upload')}
                </Button>
              </Group>
              {progress && upload.isPending && (
                <Group gap="sm" role="status">
                  <Progress value={percent ?? 0} size="lg" style={{ flex: 1 }} aria-label={t('docs.progress')} />
                  <Text size="sm">{percent !== null ? `${percent} %` : formatBytes(progress.received, lang)}</Text>
                </Group>
              )}
              {upload.isSuccess && (
                <Text size="sm" role="status" c="green.9">
                  {t('docs.uploaded')}
                </Text>
              )}
              {upload.isError && <ErrorState error={upload.error} title={t('docs.refused')} />}
            </Stack>
          </form>
        )}
      </Stack>
      <ConfirmModal
        opened={toDelete !== null}
        message={t('docs.confirmDelete', { name: toDelete?.name ?? '' })}
        confirmLabel={t('docs.delete')}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
        onCancel={() => {
          setToDelete(null);
          remove.reset();
        }}
        loading={remove.isPending}
        error={remove.error ?? undefined}
        danger
      />
    </section>
  );
}
