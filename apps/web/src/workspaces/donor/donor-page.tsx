import '../../ui/styles-workspace';
import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import * as api from '../../api/endpoints';
import { tokens } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { formatDate, formatMoney } from '../../ui/format';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

export default function DonorPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('nav.donor'));
  const { me } = useAuth();
  const list = useQuery({ queryKey: ['contributions'], queryFn: api.contributions });
  const [selected, setSelected] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState(false);

  // The statement needs the bearer token, so it is fetched and saved rather than linked.
  const downloadStatement = async () => {
    if (!me?.organisationId) return;
    setDownloading(true);
    setDownloadError(false);
    try {
      const res = await fetch(`/api/v1/fund/statements/donors/${me.organisationId}`, { headers: { accept: 'text/csv', authorization: `Bearer ${tokens.access ?? ''}` } });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'donor-statement.csv';
      a.click();
      URL.revokeObjectURL(url);
    } catch {
      setDownloadError(true);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Stack>
      <Title order={1}>{t('donor.title')}</Title>
      <Text c="dimmed">{t('donor.lead')}</Text>
      {me?.organisationId && (
        <Group>
          <Button variant="outline" onClick={() => void downloadStatement()} loading={downloading}>
            {t('donor.statement')}
          </Button>
          {downloadError && (
            <Text c="red" size="sm" role="alert">
              {t('donor.statementFailed')}
            </Text>
          )}
        </Group>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('fund.noContributions')}</Empty>
      ) : (
        <Stack component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {list.data.items.map((c) => (
            <Card key={c.id} withBorder component="li">
              <Group justify="space-between">
                <div>
                  <Text fw={600}>{formatMoney(c.amount, lang)}</Text>
                  <Text size="sm" c="dimmed">
                    {formatDate(c.pledgedAt, lang)} · {t(`earmark.${c.earmark?.type ?? 'none'}`)}
                  </Text>
                </div>
                <Button variant="light" onClick={() => setSelected(selected === c.id ? null : c.id)} aria-expanded={selected === c.id}>
                  {t('donor.follow')}
                </Button>
              </Group>
              {selected === c.id && <TracingView id={c.id} />}
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function TracingView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const tracing = useQuery({ queryKey: ['tracing', id], queryFn: () => api.tracing(id) });
  if (tracing.isPending) return <Loading />;
  if (tracing.isError) return <ErrorState error={tracing.error} onRetry={() => void tracing.refetch()} />;
  const flows = tracing.data.flows ?? [];
  if (!flows.length) return <Empty>{t('donor.noFlows')}</Empty>;
  return (
    <Table mt="md" aria-label={t('donor.flows')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('request.reference')}</Table.Th>
          <Table.Th scope="col">{t('request.country')}</Table.Th>
          <Table.Th scope="col">{t('matches.organisation')}</Table.Th>
          <Table.Th scope="col">{t('fund.allocations')}</Table.Th>
          <Table.Th scope="col">{t('fund.transfers')}</Table.Th>
          <Table.Th scope="col">{t('fund.expenditure')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {flows.map((f, i) => (
          <Table.Tr key={i}>
            <Table.Td>{f.requestReference ?? f.requestId ?? '—'}</Table.Td>
            <Table.Td>{f.countryCode ?? '—'}</Table.Td>
            <Table.Td>{f.organisationName ?? f.organisationId ?? '—'}</Table.Td>
            <Table.Td>{formatMoney(f.allocated, lang)}</Table.Td>
            <Table.Td>{formatMoney(f.transferred, lang)}</Table.Td>
            <Table.Td>{formatMoney(f.spent, lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}


