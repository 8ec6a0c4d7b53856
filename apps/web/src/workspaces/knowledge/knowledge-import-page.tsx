import '../../ui/styles-workspace';
import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatBytes, percentOf, type Progress as UploadState } from '../../ui/download';
import { ErrorState, usePageTitle } from '../../ui/states';
import { uploadWithProgress } from '../../ui/upload';
import { importRequest, type ImportReport } from './knowledge-import';

const SOURCE = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** A hub officer imports partnership records (CSV or JSON) and reads the row-level report. */
export default function KnowledgeImportPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [submitForReview, setSubmitForReview] = useState(false);
  const [progress, setProgress] = useState<UploadState | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const isCsv = !!file && /\.csv$/i.test(file.name);
  const sourceMissing = isCsv && !SOURCE.test(source.trim());
  const run = useMutation({
    mutationFn: async () => {
      const text = await file!.text();
      const req = importRequest(file!.name, text, source.trim(), submitForReview);
      if ('error' in req) {
        setFileError(req.error);
        throw new Error(req.error);
      }
      setProgress({ received: 0, total: req.body.length });
      return uploadWithProgress<ImportReport>(req.url, req.body, {
        contentType: req.contentType,
        onProgress: setProgress,
      });
    },
  });
  const percent = progress ? percentOf(progress) : null;
  const report = run.data;
  return (
    <Stack>
      <Title order={1}>{t('import.title')}</Title>
      <Text size="sm">{t('import.intro')}</Text>
      <form
        aria-label={t('import.title')}
        onSubmit={(e) => {
          e.preventDefault();
          setFileError(null);
          if (file && !sourceMissing) run.mutate();
        }}
      >
        <Stack maw={560}>
          <FileInput
            label={t('import.file')}
            description={t('import.fileHint')}
            accept=".csv,.json,text/csv,application/json"
            required
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileError(null);
              run.reset();
              setProgress(null);
            }}
            clearable
          />
          <TextInput
            label={t('import.source')}
            description={t('import.sourceHint')}
            required={isCsv}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={source.trim() && !SOURCE.test(source.trim()) ? t('import.sourceInvalid') : undefined}
          />
          <Checkbox
            label={t('import.submitForReview')}
            checked={submitForReview}
            onChange={(e) => setSubmitForReview(e.currentTarget.checked)}
          />
          {progress && (run.isPending || run.isSuccess) && (
            <Group gap="sm" role="status">
              <Progress value={percent ?? 0} size="lg" style={{ flex: 1 }} aria-label={t('import.progress')} />
              <Text size="sm">{percent !== null ? `${percent} %` : formatBytes(progress.received, lang)}</Text>
            </Group>
          )}
          {fileError && (
            <Alert color="red" role="alert">
              {t(fileError)}
            </Alert>
          )}
          {run.isError && !fileError && <ErrorState error={run.error} />}
          <Button type="submit" w="fit-content" disabled={!file || sourceMissing} loading={run.isPending}>
            {t('import.upload')}
          </Button>
        </Stack>
      </form>
      {report && (
        <section aria-labelledby="import-report">
          <Title order={2} size="h3" id="import-report">
            {t('import.report')}
          </Title>
          <Alert color={report.errors.length ? 'orange' : 'green'} role="status" mt="xs">
            {t('import.counts', {
              created: report.created,
              updated: report.updated,
              skipped: report.skipped,
              errors: report.errors.length,
            })}
          </Alert>
          {report.errors.length > 0 && (
            <Table striped mt="sm" aria-label={t('import.errors')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('import.row')}</Table.Th>
                  <Table.Th scope="col">{t('import.sourceId')}</Table.Th>
                  <Table.Th scope="col">{t('import.field')}</Table.Th>
                  <Table.Th scope="col">{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.sourceId ?? '—'}</Table.Td>
                    <Table.Td>{e.field}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {report.warnings.length > 0 && (
            <>
              <Title order={3} size="h4" mt="sm">
                {t('import.warnings')}
              </Title>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>
                    <Text size="sm">
                      {t('import.rowN', { row: w.row })}
                      {w.sourceId ? ` (${w.sourceId})` : ''}: {w.message}
                    </Text>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </Stack>
  );
}
