import '../../ui/styles-workspace';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints';
import type { Allocation, Application, Tranche } from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { codeLabel, formatDate, formatMoney, formatPercent } from '../../ui/format';
import { useOrganisationName } from '../../ui/organisations';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

import { ProposeAllocationForm } from './propose-allocation';
import { DepositButton, PledgeButton } from './contribution-forms';
import { ProjectsPanel } from './project-closure';

const FundFigures = lazy(() => import('../../public/fund-figures'));

/** People by name with their role ("Fatima Fund, Fund manager"); "you" for the caller. */
function usePerson() {
  const { t } = useI18n();
  const { me } = useAuth();
  return (id: string | null | undefined, role: string, name?: string | null) =>
    !id ? '—' : id === me?.id ? t('fund.you') : name ? `${name}, ${t(`role.${role}`)}` : t(`role.${role}`);
}

export default function FundPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.fund'));
  const { me } = useAuth();
  const isManager = me?.role === 'fund_manager' || me?.role === 'admin';
  return (
    <Stack>
      <Title order={1}>{t('nav.fund')}</Title>
      <Tabs defaultValue={me?.role === 'steering_committee' ? 'allocations' : 'contributions'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="contributions">{t('fund.contributions')}</Tabs.Tab>
          <Tabs.Tab value="applications">{t('fund.applications')}</Tabs.Tab>
          <Tabs.Tab value="allocations">{t('fund.allocations')}</Tabs.Tab>
          <Tabs.Tab value="projects">{t('money.projects.tab')}</Tabs.Tab>
          <Tabs.Tab value="decisions">{t('fund.decisions')}</Tabs.Tab>
          {isManager && <Tabs.Tab value="ledger">{t('fund.ledger')}</Tabs.Tab>}
          <Tabs.Tab value="figures">{t('fund.figures')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contributions" pt="md">
          <Contributions />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <Applications />
        </Tabs.Panel>
        <Tabs.Panel value="allocations" pt="md">
          <Allocations />
        </Tabs.Panel>
        <Tabs.Panel value="projects" pt="md">
          <ProjectsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="decisions" pt="md">
          <Decisions />
        </Tabs.Panel>
        {isManager && (
          <Tabs.Panel value="ledger" pt="md">
            <Ledger />
          </Tabs.Panel>
        )}
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
  const { me } = useAuth();
  const isManager = me?.role === 'fund_manager';
  const list = useQuery({ queryKey: ['contributions'], queryFn: api.contributions });
  const summary = useQuery({ queryKey: ['fund-summary'], queryFn: api.fundSummary, staleTime: 60_000 });
  const organisationName = useOrganisationName();
  const donorName = (id: string) =>
    summary.data?.byDonor.find((d) => d.organisationId === id)?.name ?? organisationName(id);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack>
      {isManager && <PledgeButton />}
      {list.data.items.length === 0 ? (
        <Empty>{t('fund.noContributions')}</Empty>
      ) : (
        <Table striped aria-label={t('fund.contributions')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('fund.contributor')}</Table.Th>
              <Table.Th scope="col">{t('fund.reference')}</Table.Th>
              <Table.Th scope="col">{t('fund.pledgedAt')}</Table.Th>
              <Table.Th scope="col">{t('fund.pledged')}</Table.Th>
              <Table.Th scope="col">{t('fund.deposited')}</Table.Th>
              <Table.Th scope="col">{t('fund.netUsd')}</Table.Th>
              <Table.Th scope="col">{t('fund.earmark')}</Table.Th>
              {isManager && <Table.Th scope="col">{t('request.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{donorName(c.contributorId)}</Table.Td>
                <Table.Td>{c.reference ?? '—'}</Table.Td>
                <Table.Td>{formatDate(c.pledgedAt, lang)}</Table.Td>
                <Table.Td>{formatMoney(c.pledged ?? c.amount, lang)}</Table.Td>
                <Table.Td>{formatMoney(c.deposited, lang)}</Table.Td>
                <Table.Td>{formatMoney(c.netUsd, lang)}</Table.Td>
                <Table.Td>
                  {t(`earmark.${c.earmark?.type ?? 'none'}`)}
                  {c.earmark?.objectives?.length ? ` (${c.earmark.objectives.join(', ')})` : ''}
                  {c.earmark.country ? ` (${c.earmark.country})` : ''}
                </Table.Td>
                {isManager && (
                  <Table.Td>
                    <DepositButton contribution={c} label={c.reference ?? donorName(c.contributorId)} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Applications() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const list = useQuery({ queryKey: ['applications'], queryFn: api.applications });
  const [proposing, setProposing] = useState<Application | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty>{t('fund.noApplications')}</Empty>;
  const canPropose = (a: Application) =>
    me?.role === 'fund_manager' && (a.status === 'submitted' || a.status === 'rejected');
  return (
    <>
      <Table striped aria-label={t('fund.applications')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('request.reference')}</Table.Th>
            <Table.Th scope="col">{t('request.title')}</Table.Th>
            <Table.Th scope="col">{t('fund.requested')}</Table.Th>
            <Table.Th scope="col">{t('request.status')}</Table.Th>
            <Table.Th scope="col">{t('request.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Link to={`/app/requests/${a.requestId}`}>{a.requestReference ?? a.requestId}</Link>
              </Table.Td>
              <Table.Td>{a.title}</Table.Td>
              <Table.Td>{formatMoney(a.amount, lang)}</Table.Td>
              <Table.Td>
                <Badge variant="light" c="#1b1f24">
                  {codeLabel(t, 'applicationStatus', a.status)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {canPropose(a) && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setProposing(a)}
                    aria-label={t('propose.for', { reference: a.requestReference ?? a.title ?? a.id })}
                  >
                    {t('propose.title')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={proposing !== null}
        onClose={() => setProposing(null)}
        title={t('propose.title')}
        centered
        size="lg"
      >
        {proposing && <ProposeAllocationForm application={proposing} onDone={() => setProposing(null)} />}
      </Modal>
    </>
  );
}

function TrancheList({
  allocation,
  canRelease,
  onRelease,
}: {
  allocation: Allocation;
  canRelease: boolean;
  onRelease: (tr: Tranche) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <ol className="tranches">
      {allocation.tranches.map((tr) => (
        <li key={tr.seq}>
          <Text size="xs">
            {formatMoney(tr.amount, lang)} · {codeLabel(t, 'trancheCondition', tr.condition)} ·{' '}
            {tr.releasedAt
              ? t('fund.releasedOn', { date: formatDate(tr.releasedAt, lang), ref: tr.evidenceRef ?? '' })
              : t('fund.notReleased')}
          </Text>
          {canRelease && !tr.releasedAt && allocation.status === 'approved' && (
            <Button size="compact-xs" variant="light" onClick={() => onRelease(tr)}>
              {t('fund.release', { seq: tr.seq })}
            </Button>
          )}
        </li>
      ))}
    </ol>
  );
}

function Allocations() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const person = usePerson();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['allocations'], queryFn: () => api.allocations() });
  const apps = useQuery({ queryKey: ['applications'], queryFn: api.applications });
  const [deciding, setDeciding] = useState<{ allocation: Allocation; decision: 'approve' | 'reject' } | null>(null);
  const [releasing, setReleasing] = useState<{ allocation: Allocation; tranche: Tranche } | null>(null);
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  const close = () => {
    setDeciding(null);
    setReleasing(null);
    setDecisionRef('');
    setNote('');
  };
  const refresh = () => {
    close();
    void qc.invalidateQueries({ queryKey: ['allocations'] });
    void qc.invalidateQueries({ queryKey: ['decisions'] });
  };
  const decide = useMutation({
    mutationFn: () =>
      api.decideAllocation(deciding!.allocation.id, deciding!.decision, decisionRef.trim(), note.trim()),
    onSuccess: refresh,
  });
  const release = useMutation({
    mutationFn: () => api.releaseTranche(releasing!.allocation.id, releasing!.tranche.seq, decisionRef.trim()),
    onSuccess: refresh,
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty>{t('fund.noAllocations')}</Empty>;
  const isSteering = me?.role === 'steering_committee';
  const refOf = (a: Allocation) =>
    apps.data?.items.find((x) => x.id === a.applicationId)?.requestReference ?? a.requestId ?? a.applicationId;
  const pending = decide.isPending || release.isPending;
  const error = decide.error ?? release.error;
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
            <Table.Th scope="col">{t('fund.decidedBy')}</Table.Th>
            <Table.Th scope="col">{t('request.status')}</Table.Th>
            <Table.Th scope="col">{t('request.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((a) => {
            const own = a.proposedById === me?.id;
            const recused = a.recusedIds?.includes(me?.id ?? '') ?? false;
            return (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.requestId ? <Link to={`/app/requests/${a.requestId}`}>{refOf(a)}</Link> : refOf(a)}
                </Table.Td>
                <Table.Td>
                  {formatMoney(a.amount, lang)}
                  {a.transferred && (
                    <Text size="xs" c="dimmed">
                      {t('fund.transferredSpent', {
                        transferred: formatMoney(a.transferred, lang),
                        spent: formatMoney(a.spent, lang),
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <TrancheList
                    allocation={a}
                    canRelease={me?.role === 'fund_manager'}
                    onRelease={(tranche) => setReleasing({ allocation: a, tranche })}
                  />
                </Table.Td>
                <Table.Td>{person(a.proposedById, 'fund_manager', a.proposedByName)}</Table.Td>
                <Table.Td>
                  {person(a.decidedById, 'steering_committee', a.decidedByName)}
                  {a.decidedById && a.decidedById !== a.proposedById && (
                    <Badge ml={4} size="xs" color="green" variant="light" c="#1b1f24">
                      {t('fund.fourEyesOk')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" c="#1b1f24">
                    {codeLabel(t, 'allocationStatus', a.status)}
                  </Badge>
                  {a.decisionRef && (
                    <Text size="xs" c="dimmed">
                      {a.decisionRef}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {isSteering && a.status === 'proposed' ? (
                    own || recused ? (
                      <Text size="xs" c="dimmed">
                        {own ? t('fund.ownProposal') : t('fund.recused')}
                      </Text>
                    ) : (
                      <Group gap="xs">
                        <Button size="xs" onClick={() => setDeciding({ allocation: a, decision: 'approve' })}>
                          {t('fund.approve')}
                        </Button>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red"
                          onClick={() => setDeciding({ allocation: a, decision: 'reject' })}
                        >
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
      <Modal
        opened={deciding !== null || releasing !== null}
        onClose={close}
        title={
          deciding ? t(`fund.${deciding.decision}`) : releasing ? t('fund.release', { seq: releasing.tranche.seq }) : ''
        }
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!decisionRef.trim()) return;
            if (deciding) decide.mutate();
            else release.mutate();
          }}
        >
          <Stack>
            {releasing && <Text size="sm">{codeLabel(t, 'trancheCondition', releasing.tranche.condition)}</Text>}
            {releasing && <Text size="sm">{t('confirm.transfer')}</Text>}
            {deciding?.decision === 'approve' && <Text size="sm">{t('confirm.approveAllocation')}</Text>}
            <TextInput
              label={deciding ? t('fund.decisionRef') : t('fund.evidenceRef')}
              required
              value={decisionRef}
              onChange={(e) => setDecisionRef(e.currentTarget.value)}
              data-autofocus
            />
            {deciding && (
              <Textarea
                label={t('fund.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={2}
              />
            )}
            {error && <ErrorState error={error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('action.cancel')}
              </Button>
              <Button
                type="submit"
                disabled={!decisionRef.trim()}
                loading={pending}
                color={deciding?.decision === 'reject' ? 'red' : undefined}
              >
                {deciding ? t(`fund.${deciding.decision}`) : t('fund.releaseShort')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The decision register: every approval, rejection and recusal, with proposer and decider side by side. */
function Decisions() {
  const { t, lang } = useI18n();
  const person = usePerson();
  const list = useQuery({ queryKey: ['decisions'], queryFn: api.decisions });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty>{t('fund.noDecisions')}</Empty>;
  return (
    <Table striped aria-label={t('fund.decisions')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('fund.decidedOn')}</Table.Th>
          <Table.Th scope="col">{t('fund.decision')}</Table.Th>
          <Table.Th scope="col">{t('fund.decisionRef')}</Table.Th>
          <Table.Th scope="col">{t('fund.amount')}</Table.Th>
          <Table.Th scope="col">{t('fund.proposedBy')}</Table.Th>
          <Table.Th scope="col">{t('fund.decidedBy')}</Table.Th>
          <Table.Th scope="col">{t('fund.note')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{formatDate(d.decidedAt, lang)}</Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                color={d.kind === 'rejected' ? 'red' : d.kind === 'recused' ? 'gray' : 'green'}
                c="#1b1f24"
              >
                {codeLabel(t, 'decisionKind', d.kind)}
              </Badge>
            </Table.Td>
            <Table.Td>{d.decisionRef ?? '—'}</Table.Td>
            <Table.Td>{formatMoney(d.amount, lang)}</Table.Td>
            <Table.Td>{person(d.proposerId, 'fund_manager', d.proposerName)}</Table.Td>
            <Table.Td>
              {person(d.memberId, 'steering_committee', d.memberName)}
              {d.proposerId && d.memberId !== d.proposerId && d.kind !== 'recused' && (
                <Badge ml={4} size="xs" color="green" variant="light" c="#1b1f24">
                  {t('fund.fourEyesOk')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{d.note ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Ledger view: the reconciliation check and every funded project's flows. */
function Ledger() {
  const { t, lang } = useI18n();
  const check = useQuery({ queryKey: ['reconciliation'], queryFn: api.reconciliation });
  const projects = useQuery({ queryKey: ['fund-projects'], queryFn: api.fundProjects });
  return (
    <Stack>
      {check.isPending ? (
        <Loading />
      ) : check.isError ? (
        <ErrorState error={check.error} onRetry={() => void check.refetch()} />
      ) : (
        <Alert
          color={check.data.ok ? 'green' : 'red'}
          role="status"
          title={check.data.ok ? t('fund.ledgerBalanced') : t('fund.ledgerMismatch')}
        >
          {t('fund.ledgerChecked', {
            checked: check.data.checked,
            mismatches: check.data.mismatches.length + check.data.unbalancedEntries.length,
          })}
        </Alert>
      )}
      {projects.isPending ? (
        <Loading />
      ) : projects.isError ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.items.length === 0 ? (
        <Empty>{t('fund.noAllocations')}</Empty>
      ) : (
        <Table striped aria-label={t('fund.projects')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('request.reference')}</Table.Th>
              <Table.Th scope="col">{t('fund.allocations')}</Table.Th>
              <Table.Th scope="col">{t('fund.transfers')}</Table.Th>
              <Table.Th scope="col">{t('fund.expenditure')}</Table.Th>
              <Table.Th scope="col">{t('fund.deliveryRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {projects.data.items.map((p) => (
              <Table.Tr key={p.allocationId}>
                <Table.Td>
                  <Link to={`/app/requests/${p.requestId}`}>{p.reference}</Link>
                  {p.forecast?.underDelivery && (
                    <Badge ml={4} size="xs" color="orange">
                      {t('fund.underDelivery')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatMoney(p.allocations, lang)}</Table.Td>
                <Table.Td>{formatMoney(p.transfers, lang)}</Table.Td>
                <Table.Td>{formatMoney(p.expenditure, lang)}</Table.Td>
                <Table.Td>
                  {formatPercent(
                    p.deliveryRate === null || p.deliveryRate === undefined ? null : Number(p.deliveryRate),
                    lang,
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
