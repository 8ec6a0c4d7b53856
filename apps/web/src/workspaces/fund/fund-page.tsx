import '../../ui/styles-workspace';
import { Badge, Button, Group, Modal, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import * as api from '../../api/endpoints';
import type { Allocation } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { formatDate, formatMoney } from '../../ui/format';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

const FundFigures = lazy(() => import('../../public/fund-figures'));

export default function FundPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.fund'));
  const { me } = useAuth();
  return (
    <Stack>
      <Title order={1}>{t('nav.fund')}</Title>
      <Tabs defaultValue={me?.role === 'steering_committee' ? 'allocations' : 'contributions'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="contributions">{t('fund.contributions')}</Tabs.Tab>
          <Tabs.Tab value="allocations">{t('fund.allocations')}</Tabs.Tab>
          <Tabs.Tab value="figures">{t('fund.figures')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contributions" pt="md">
          <Contributions />
        </Tabs.Panel>
        <Tabs.Panel value="allocations" pt="md">
          <Allocations />
        </Tabs.Panel>
        <Tabs.Panel value="figures" pt="md">
          <Suspense fallback={<Loading />}>
            <FundFigures />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Contributions() {
  const { t, lang } = useI18n();
  const list = useQuery({ queryKey: ['contributions'], queryFn: api.contributions });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty>{t('fund.noContributions')}</Empty>;
  return (
    <Table striped aria-label={t('fund.contributions')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('fund.contributor')}</Table.Th>
          <Table.Th scope="col">{t('fund.pledgedAt')}</Table.Th>
          <Table.Th scope="col">{t('fund.pledged')}</Table.Th>
          <Table.Th scope="col">{t('fund.deposited')}</Table.Th>
          <Table.Th scope="col">{t('fund.earmark')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.items.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{c.contributorName ?? c.contributorId}</Table.Td>
            <Table.Td>{formatDate(c.pledgedAt, lang)}</Table.Td>
            <Table.Td>{formatMoney(c.amount, lang)}</Table.Td>
            <Table.Td>{formatMoney(c.deposited, lang)}</Table.Td>
            <Table.Td>{t(`earmark.${c.earmark?.type ?? 'none'}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Allocations() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['allocations'], queryFn: () => api.allocations() });
  const [deciding, setDeciding] = useState<{ allocation: Allocation; decision: 'approve' | 'reject' } | null>(null);
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: () => api.decideAllocation(deciding!.allocation.id, deciding!.decision, decisionRef.trim(), note.trim()),
    onSuccess: () => {
      setDeciding(null);
      setDecisionRef('');
      setNote('');
      void qc.invalidateQueries({ queryKey: ['allocations'] });
    },
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty>{t('fund.noAllocations')}</Empty>;
  const isSteering = me?.role === 'steering_committee';
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('fund.fourEyes')}
      </Text>
      <Table striped aria-label={t('fund.allocations')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('request.reference')}</Table.Th>
            <Table.Th scope="col">{t('fund.amount')}</Table.Th>
            <Table.Th scope="col">{t('fund.tranches')}</Table.Th>
            <Table.Th scope="col">{t('fund.proposedBy')}</Table.Th>
            <Table.Th scope="col">{t('request.status')}</Table.Th>
            <Table.Th scope="col">{t('request.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((a) => {
            const own = a.proposedBy === me?.id;
            return (
              <Table.Tr key={a.id}>
                <Table.Td>{a.requestReference ?? a.applicationId}</Table.Td>
                <Table.Td>{formatMoney(a.amount, lang)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{(a.tranches ?? []).map((tr) => `${formatMoney(tr.amount, lang)} (${tr.condition})`).join('; ')}</Text>
                </Table.Td>
                <Table.Td>{a.proposedByName ?? a.proposedBy ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`allocationStatus.${a.status}`)}</Badge>
                  {a.decisionRef && (
                    <Text size="xs" c="dimmed">
                      {a.decisionRef}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {isSteering && a.status === 'proposed' ? (
                    own ? (
                      <Text size="xs" c="dimmed">
                        {t('fund.ownProposal')}
                      </Text>
                    ) : (
                      <Group gap="xs">
                        <Button size="xs" onClick={() => setDeciding({ allocation: a, decision: 'approve' })}>
                          {t('fund.approve')}
                        </Button>
                        <Button size="xs" variant="outline" color="red" onClick={() => setDeciding({ allocation: a, decision: 'reject' })}>
                          {t('fund.reject')}
                        </Button>
                      </Group>
                    )
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Modal opened={deciding !== null} onClose={() => setDeciding(null)} title={deciding ? t(`fund.${deciding.decision}`) : ''} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (decisionRef.trim()) decide.mutate();
          }}
        >
          <Stack>
            <TextInput label={t('fund.decisionRef')} required value={decisionRef} onChange={(e) => setDecisionRef(e.currentTarget.value)} data-autofocus />
            <Textarea label={t('fund.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
            {decide.isError && <ErrorState error={decide.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeciding(null)}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" disabled={!decisionRef.trim()} loading={decide.isPending} color={deciding?.decision === 'reject' ? 'red' : undefined}>
                {deciding ? t(`fund.${deciding.decision}`) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
