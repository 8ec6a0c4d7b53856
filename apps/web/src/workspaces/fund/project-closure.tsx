import { Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { FormFooter } from '../../ui/form-footer';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { idempotencyKey } from '../../api/client';
import * as api from '../../api/endpoints';
import * as money from '../../api/money';
import type { Allocation } from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { codeLabel, formatDate, formatMoney, minorToDecimal } from '../../ui/format';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { parseAmount, today, validateCapped } from './money-form';

/** Funded projects after approval: what each organisation holds, returns, and the closure steps. */
export function ProjectsPanel() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['allocations'], queryFn: () => api.allocations() });
  const apps = useQuery({ queryKey: ['applications'], queryFn: api.applications });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const approved = list.data.items.filter((a) => a.status === 'approved');
  if (approved.length === 0) return <Empty>{t('money.projects.none')}</Empty>;
  const refOf = (a: Allocation) =>
    apps.data?.items.find((x) => x.id === a.applicationId)?.requestReference ?? a.requestId;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('money.projects.intro')}
      </Text>
      {approved.map((a) => (
        <ProjectCard key={a.id} allocation={a} reference={refOf(a)} />
      ))}
    </Stack>
  );
}

const STAGE_COLORS: Record<string, string> = {
  open: 'green',
  suspended: 'orange',
  operationally_closed: 'blue',
  closed: 'gray',
  cancelled: 'red',
};

type Step = 'operational-closure' | 'financial-closure' | 'suspend' | 'resume';
const STEP_OF: Record<string, Step> = {
  close_operationally: 'operational-closure',
  close_financially: 'financial-closure',
  suspend: 'suspend',
  resume: 'resume',
};

function ProjectCard({ allocation: a, reference }: { allocation: Allocation; reference: string }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const orgs = useQuery({ queryKey: ['organisations', 'all'], queryFn: () => api.organisations() });
  const closure = useQuery({ queryKey: ['closure', a.id], queryFn: () => money.closure(a.id) });
  const [step, setStep] = useState<Step | null>(null);
  const [returning, setReturning] = useState<string | null>(null);
  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name ?? `·${id.slice(-6)}`;
  const headingId = `project-${a.id}`;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['closure', a.id] });
    void qc.invalidateQueries({ queryKey: ['allocations'] });
    void qc.invalidateQueries({ queryKey: ['decisions'] });
    void qc.invalidateQueries({ queryKey: ['fund-projects'] });
  };
  const isManager = me?.role === 'fund_manager';
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id={headingId}>
          <Link to={`/app/requests/${a.requestId}`}>{reference}</Link>
        </Title>
        {closure.data && (
          <Badge variant="light" color={STAGE_COLORS[closure.data.stage] ?? 'gray'} c="#1b1f24" tt="none">
            {codeLabel(t, 'money.stage', closure.data.stage)}
          </Badge>
        )}
      </Group>
      {closure.isPending ? (
        <Loading />
      ) : closure.isError ? (
        <ErrorState error={closure.error} onRetry={() => void closure.refetch()} />
      ) : (
        <Stack gap="xs" mt="xs">
          <Text size="sm">
            {t('money.projects.figures', {
              amount: formatMoney(a.amount, lang),
              transferred: formatMoney(a.transferred, lang),
              spent: formatMoney(a.spent, lang),
              balance: formatMoney(closure.data.allocationBalance, lang),
            })}
          </Text>
          {closure.data.operationallyClosedAt && (
            <Text size="xs" c="dimmed">
              {t('money.projects.opClosedOn', { date: formatDate(closure.data.operationallyClosedAt, lang) })}
            </Text>
          )}
          {closure.data.financiallyClosedAt && (
            <Text size="xs" c="dimmed">
              {t('money.projects.finClosedOn', {
                date: formatDate(closure.data.financiallyClosedAt, lang),
                released: formatMoney(closure.data.releasedToSource, lang),
              })}
            </Text>
          )}
          {closure.data.organisations.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table striped aria-label={t('money.projects.organisations', { reference })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('money.organisation')}</Table.Th>
                    <Table.Th scope="col">{t('money.transferred')}</Table.Th>
                    <Table.Th scope="col">{t('money.spent')}</Table.Th>
                    <Table.Th scope="col">{t('money.returned')}</Table.Th>
                    <Table.Th scope="col">{t('money.unspent')}</Table.Th>
                    <Table.Th scope="col">{t('money.statement')}</Table.Th>
                    <Table.Th scope="col">{t('request.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {closure.data.organisations.map((o) => (
                    <Table.Tr key={o.organisationId}>
                      <Table.Td>{orgName(o.organisationId)}</Table.Td>
                      <Table.Td>{formatMoney(o.transferred, lang)}</Table.Td>
                      <Table.Td>{formatMoney(o.spent, lang)}</Table.Td>
                      <Table.Td>{formatMoney(o.returned, lang)}</Table.Td>
                      <Table.Td>{formatMoney(o.unspent, lang)}</Table.Td>
                      <Table.Td>
                        {o.statement
                          ? t('money.statementSubmitted', {
                              spent: formatMoney(o.statement.spent, lang),
                              date: formatDate(o.statement.submittedAt, lang),
                            })
                          : t('money.statementMissing')}
                        {o.reconciled && (
                          <Badge ml={4} size="xs" color="green" variant="light" c="#1b1f24" tt="none">
                            {t('money.reconciled')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {isManager && BigInt(o.unspent.amount) > 0n && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            onClick={() => setReturning(o.organisationId)}
                            aria-label={t('money.return.for', { organisation: orgName(o.organisationId) })}
                          >
                            {t('money.return.record')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {closure.data.returns.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('money.returnsList')}{' '}
              {closure.data.returns
                .map(
                  (r) =>
                    `${orgName(r.organisationId)} ${formatMoney(r.amount, lang)} (${formatDate(r.receivedAt, lang)}, ${r.reference})`,
                )
                .join('; ')}
            </Text>
          )}
          {closure.data.stage === 'open' && isManager && (
            <Text size="xs" c="dimmed">
              {t('money.projects.opClosureGuard')}
            </Text>
          )}
          {closure.data.stage === 'operationally_closed' && isManager && (
            <Text size="xs" c="dimmed">
              {t('money.projects.finClosureGuard')}
            </Text>
          )}
          <Group gap="xs">
            {closure.data.allowedActions
              .filter((x) => STEP_OF[x])
              .map((x) => (
                <Button
                  key={x}
                  size="xs"
                  variant={x === 'suspend' ? 'outline' : 'filled'}
                  color={x === 'suspend' ? 'orange' : undefined}
                  onClick={() => setStep(STEP_OF[x])}
                >
                  {t(`money.step.${STEP_OF[x]}`)}
                </Button>
              ))}
          </Group>
        </Stack>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('money.close') }}
        opened={step !== null}
        onClose={() => setStep(null)}
        title={step ? t(`money.step.${step}`) : ''}
        centered
      >
        {step && (
          <StepForm
            allocationId={a.id}
            step={step}
            reference={reference}
            onDone={() => {
              setStep(null);
              refresh();
            }}
            onCancel={() => setStep(null)}
          />
        )}
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('money.close') }}
        opened={returning !== null}
        onClose={() => setReturning(null)}
        title={returning ? t('money.return.for', { organisation: orgName(returning) }) : ''}
        centered
      >
        {returning && closure.data && (
          <ReturnForm
            allocationId={a.id}
            organisationId={returning}
            unspent={closure.data.organisations.find((o) => o.organisationId === returning)?.unspent ?? null}
            onDone={() => {
              setReturning(null);
              refresh();
            }}
            onCancel={() => setReturning(null)}
          />
        )}
      </Modal>
    </Card>
  );
}

function StepForm({
  allocationId,
  step,
  reference,
  onDone,
  onCancel,
}: {
  allocationId: string;
  step: Step;
  reference: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const go = useMutation({
    mutationFn: () =>
      money.closeStep(allocationId, step, {
        reason: reason.trim(),
        ...(decisionRef.trim() ? { decisionRef: decisionRef.trim() } : {}),
      }),
    onSuccess: onDone,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) go.mutate();
      }}
    >
      <Stack>
        <Text size="sm">{t(`money.stepConfirm.${step}`, { reference })}</Text>
        <Textarea
          label={t('money.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('fund.decisionRef')}
          value={decisionRef}
          onChange={(e) => setDecisionRef(e.currentTarget.value)}
        />
        {go.isError && <ErrorState error={go.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" disabled={!reason.trim()} loading={go.isPending}>
            {t('money.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Money an organisation sends back (unspent): recorded by the fund manager when it arrives, never above what it holds. */
function ReturnForm({
  allocationId,
  organisationId,
  unspent,
  onDone,
  onCancel,
}: {
  allocationId: string;
  organisationId: string;
  unspent: money.ProjectClosure['allocationBalance'] | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [key] = useState(idempotencyKey);
  const currency = unspent?.currency ?? 'USD';
  const [amount, setAmount] = useState(() => (unspent ? minorToDecimal(unspent.amount, currency) : ''));
  const [receivedAt, setReceivedAt] = useState(today());
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [tried, setTried] = useState(false);
  const amountError = validateCapped(amount, currency, unspent?.amount ?? null);
  const save = useMutation({
    mutationFn: () => {
      const p = parseAmount(amount, currency);
      return money.recordReturn(
        allocationId,
        {
          organisationId,
          amount: { amount: 'minor' in p ? p.minor : '0', currency },
          reason: reason.trim(),
          receivedAt,
          ...(reference.trim() ? { reference: reference.trim() } : {}),
        },
        key,
      );
    },
    onSuccess: onDone,
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!amountError && reason.trim()) save.mutate();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('money.return.holds', { unspent: formatMoney(unspent, lang) })}
        </Text>
        <TextInput
          label={t('money.amountIn', { currency })}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={tried && amountError ? t(amountError) : undefined}
          data-autofocus
        />
        <TextInput
          label={t('money.return.date')}
          type="date"
          required
          value={receivedAt}
          onChange={(e) => setReceivedAt(e.currentTarget.value)}
        />
        <Textarea
          label={t('money.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={tried && !reason.trim() ? t('money.error.required') : undefined}
        />
        <TextInput
          label={t('money.return.reference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
        <FormFooter
          error={save.isError ? save.error : null}
          pending={save.isPending}
          onCancel={onCancel}
          submitLabel={t('money.return.submit')}
        />
      </Stack>
    </form>
  );
}
