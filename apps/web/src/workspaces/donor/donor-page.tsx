import '../../ui/styles-workspace';
import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import * as api from '../../api/endpoints';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { downloadFile, type Progress } from '../../ui/download';
import { DownloadProgress } from '../../ui/download-progress';
import { formatDate, formatMoney } from '../../ui/format';
import { countryName } from '../../ui/places';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

export default function DonorPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('nav.donor'));
  const { me } = useAuth();
  const list = useQuery({ queryKey: ['contributions'], queryFn: api.contributions });
  const [selected, setSelected] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [downloadError, setDownloadError] = useState(false);

  // The statement needs the bearer token, so it is fetched (with progress) and saved rather than linked.
  const downloadStatement = async () => {
    if (!me?.organisationId) return;
    setProgress({ received: 0, total: null });
    setDownloadError(false);
    try {
      await downloadFile(`/api/v1/fund/statements/donors/${me.organisationId}`, 'donor-statement.csv', {
        accept: 'text/csv',
        onProgress: setProgress,
      });
    } catch {
      setDownloadError(true);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack>
      <Title order={1}>{t('donor.title')}</Title>
      <Text c="dimmed">{t('donor.lead')}</Text>
      {me?.organisationId && (
        <Group>
          <Button variant="outline" onClick={() => void downloadStatement()} loading={progress !== null}>
            {t('donor.statement')}
          </Button>
          <DownloadProgress progress={progress} label={t('donor.statement')} />
          {downloadError && (
            <Text c="red" size="sm" role="alert">
              {t('donor.statementFailed')}
            </Text>
          )}
        </Group>
      )}
      {me?.organisationId && <StatementTotals organisationId={me.organisationId} />}
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
                  <Text fw={600}>{c.reference ?? formatMoney(c.amount, lang)}</Text>
                  <Text size="sm" c="dimmed">
                    {t('fund.pledged')} {formatMoney(c.pledged ?? c.amount, lang)} · {t('fund.deposited')}{' '}
                    {formatMoney(c.deposited, lang)} · {formatDate(c.pledgedAt, lang)} ·{' '}
                    {t(`earmark.${c.earmark?.type ?? 'none'}`)}
                  </Text>
                </div>
                <Button
                  variant="light"
                  onClick={() => setSelected(selected === c.id ? null : c.id)}
                  aria-expanded={selected === c.id}
                  aria-label={`${t('donor.follow')}: ${c.reference ?? c.id}`}
                >
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

function StatementTotals({ organisationId }: { organisationId: string }) {
  const { t, lang } = useI18n();
  const statement = useQuery({
    queryKey: ['donor-statement', organisationId],
    queryFn: () => api.donorStatement(organisationId),
  });
  if (statement.isPending) return <Loading />;
  if (statement.isError) return <ErrorState error={statement.error} onRetry={() => void statement.refetch()} />;
  const s = statement.data;
  return (
    <Text size="sm">
      {t('donor.statementTotals', {
        name: s.organisation.name,
        deposits: formatMoney(s.totals.deposits, lang),
        fees: formatMoney(s.totals.adminFees, lang),
        net: formatMoney(s.totals.net, lang),
      })}
    </Text>
  );
}

function TracingView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const tracing = useQuery({ queryKey: ['tracing', id], queryFn: () => api.tracing(id) });
  if (tracing.isPending) return <Loading />;
  if (tracing.isError) return <ErrorState error={tracing.error} onRetry={() => void tracing.refetch()} />;
  const tr = tracing.data;
  const c = tr.contribution;
  return (
    <Stack mt="md" gap="sm">
      {/* The flow, step by step: what came in, what was allocated, transferred and spent. */}
      <ol className="money-flow" aria-label={t('donor.flows')}>
        <li>
          <Text size="xs" c="dimmed">
            {t('donor.step.deposited')}
          </Text>
          <Text fw={600}>{formatMoney(c.netUsd ?? c.depositedUsd, lang)}</Text>
        </li>
        <li>
          <Text size="xs" c="dimmed">
            {t('fund.allocations')}
          </Text>
          <Text fw={600}>{formatMoney(tr.totals.allocations, lang)}</Text>
        </li>
        <li>
          <Text size="xs" c="dimmed">
            {t('fund.transfers')}
          </Text>
          <Text fw={600}>{formatMoney(tr.totals.transfers, lang)}</Text>
        </li>
        <li>
          <Text size="xs" c="dimmed">
            {t('fund.expenditure')}
          </Text>
          <Text fw={600}>{formatMoney(tr.totals.expenditure, lang)}</Text>
        </li>
      </ol>
      <Text size="sm" c="dimmed">
        {tr.method === 'direct' ? t('donor.method.direct') : t('donor.method.attributed')}
      </Text>
      {tr.projects.length === 0 ? (
        <Empty>{t('donor.noFlows')}</Empty>
      ) : (
        <Table aria-label={t('donor.projects')}>
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
            {tr.projects.map((p) => (
              <Table.Tr key={p.allocationId}>
                <Table.Td>
                  {p.reference}
                  <Text size="xs" c="dimmed">
                    {p.title}
                  </Text>
                </Table.Td>
                <Table.Td>{countryName(p.countryCode, lang)}</Table.Td>
                <Table.Td>
                  {(p.organisations ?? []).map((o) => o.acronym ?? o.organisationId).join(', ') || '—'}
                </Table.Td>
                <Table.Td>{formatMoney(p.allocations, lang)}</Table.Td>
                <Table.Td>{formatMoney(p.transfers, lang)}</Table.Td>
                <Table.Td>{formatMoney(p.expenditure, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
