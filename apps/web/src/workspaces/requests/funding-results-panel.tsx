import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { FormFooter } from '../../ui/form-footer';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { idempotencyKey } from '../../api/client';
import * as api from '../../api/endpoints';
import * as money from '../../api/money';
import type { SupportRequest } from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { codeLabel, formatDate, formatMoney, formatPercent } from '../../ui/format';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { isIsoDate, parseAmount, today } from '../fund/money-form';

const FUNDED_STATUSES = new Set(['setup', 'in_implementation', 'completed', 'closed']);

/** Whether the request page shows the "Funding and results" tab. */
export const showsFunding = (r: SupportRequest) => FUNDED_STATUSES.has(r.status);

/**
 * The request's funding and results, for everyone who may open the request: the project's money
 * (allocated, transferred, spent), the results framework with its actuals; the hub officer files the
 * funding application and reviews the partners' reports; a partner reports expenditure and submits
 * its final financial statement.
 */
export function FundingResultsPanel({ request }: { request: SupportRequest }) {
  const { me } = useAuth();
  const projects = useQuery({ queryKey: ['fund-projects'], queryFn: money.projects, staleTime: 10_000 });
  const project = projects.data?.items.find((p) => p.requestId === request.id) ?? null;
  return (
    <Stack gap="lg">
      <FundingSummary project={project} pending={projects.isPending} error={projects.error} />
      {me?.role === 'hub_officer' && request.status === 'setup' && !project && <ApplicationSection request={request} />}
      {me?.role === 'partner_officer' && project && request.status === 'in_implementation' && (
        <PartnerMoney project={project} organisationId={me.organisationId} />
      )}
      <ResultsSection request={request} />
      {me?.role === 'hub_officer' && <ReportsReview request={request} />}
    </Stack>
  );
}

function FundingSummary({
  project,
  pending,
  error,
}: {
  project: money.FundProject | null;
  pending: boolean;
  error: unknown;
}) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="funding-heading">
      <Title order={2} size="h3" id="funding-heading">
        {t('money.funding.title')}
      </Title>
      {pending ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} />
      ) : !project ? (
        <Empty>{t('money.funding.none')}</Empty>
      ) : (
        <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem', margin: 0 }}>
          <div>
            <dt>{t('money.funding.allocated')}</dt>
            <dd style={{ margin: 0, fontWeight: 600 }}>{formatMoney(project.allocations, lang)}</dd>
          </div>
          <div>
            <dt>{t('money.transferred')}</dt>
            <dd style={{ margin: 0, fontWeight: 600 }}>{formatMoney(project.transfers, lang)}</dd>
          </div>
          <div>
            <dt>{t('money.spent')}</dt>
            <dd style={{ margin: 0, fontWeight: 600 }}>{formatMoney(project.expenditure, lang)}</dd>
          </div>
          <div>
            <dt>{t('fund.deliveryRate')}</dt>
            <dd style={{ margin: 0, fontWeight: 600 }}>
              {formatPercent(project.deliveryRate === null ? null : Number(project.deliveryRate), lang)}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/** The hub officer asks the start-up fund for seed money for a request in set-up. */
function ApplicationSection({ request }: { request: SupportRequest }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const apps = useQuery({ queryKey: ['applications'], queryFn: api.applications });
  const currency = 'USD';
  const [amount, setAmount] = useState('');
  const [justification, setJustification] = useState('');
  const [tried, setTried] = useState(false);
  const parsed = parseAmount(amount, currency);
  const save = useMutation({
    mutationFn: () =>
      money.apply({
        requestId: request.id,
        amount: { amount: 'minor' in parsed ? parsed.minor : '0', currency },
        justification: justification.trim(),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['applications'] }),
  });
  const existing = apps.data?.items.find((a) => a.requestId === request.id);
  if (apps.isPending) return <Loading />;
  if (existing)
    return (
      <Alert color="blue" role="status" title={t('money.application.filed')}>
        {t('money.application.status', {
          status: codeLabel(t, 'applicationStatus', existing.status),
          amount: formatMoney(existing.amount, lang),
        })}
      </Alert>
    );
  return (
    <form
      noValidate
      aria-labelledby="application-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if ('minor' in parsed && justification.trim()) save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="application-heading">
          {t('money.application.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('money.application.intro')}
        </Text>
        <TextInput
          label={t('money.amountIn', { currency })}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={tried && 'error' in parsed ? t(parsed.error) : undefined}
        />
        <Textarea
          label={t('money.application.justification')}
          required
          autosize
          minRows={3}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          error={tried && !justification.trim() ? t('money.error.required') : undefined}
        />
        {save.isError && <ErrorState error={save.error} />}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('money.application.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** A partner officer reports what its organisation spent, and at the end certifies it in a final statement. */
function PartnerMoney({ project, organisationId }: { project: money.FundProject; organisationId: string | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'expenditure' | 'statement' | null>(null);
  if (!organisationId) return null;
  return (
    <section aria-labelledby="partner-money-heading">
      <Title order={2} size="h3" id="partner-money-heading">
        {t('money.partner.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('money.partner.intro')}
      </Text>
      <Group gap="xs">
        <Button onClick={() => setOpen('expenditure')}>{t('money.expenditure.record')}</Button>
        <Button variant="light" onClick={() => setOpen('statement')}>
          {t('money.statementForm.title')}
        </Button>
      </Group>
      <Modal
        closeButtonProps={{ 'aria-label': t('money.close') }}
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open === 'statement' ? t('money.statementForm.title') : t('money.expenditure.record')}
        centered
      >
        {open === 'expenditure' && <ExpenditureForm project={project} onDone={() => setOpen(null)} />}
        {open === 'statement' && <StatementForm project={project} onDone={() => setOpen(null)} />}
      </Modal>
    </section>
  );
}

function ExpenditureForm({ project, onDone }: { project: money.FundProject; onDone: () => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [key] = useState(idempotencyKey);
  const currency = project.transfers.currency;
  const [amount, setAmount] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState(today());
  const [tried, setTried] = useState(false);
  const parsed = parseAmount(amount, currency);
  const startOk = !periodStart || (isIsoDate(periodStart) && periodStart <= periodEnd);
  const save = useMutation({
    mutationFn: () =>
      money.expenditure(
        {
          allocationId: project.allocationId,
          amount: { amount: 'minor' in parsed ? parsed.minor : '0', currency },
          periodEnd,
          ...(periodStart ? { periodStart } : {}),
        },
        key,
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['fund-projects'] });
    },
  });
  if (save.isSuccess)
    return (
      <Stack>
        <Alert color="green" role="status">
          {t('money.expenditure.recorded', { amount: formatMoney(save.data.amount, lang) })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone}>{t('money.done')}</Button>
        </Group>
      </Stack>
    );
  return (
    <form
      noValidate
      aria-label={t('money.expenditure.record')}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if ('minor' in parsed && isIsoDate(periodEnd) && startOk) save.mutate();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('money.expenditure.context', {
            transferred: formatMoney(project.transfers, lang),
            spent: formatMoney(project.expenditure, lang),
          })}
        </Text>
        <TextInput
          label={t('money.amountIn', { currency })}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={tried && 'error' in parsed ? t(parsed.error) : undefined}
          data-autofocus
        />
        <Group grow>
          <TextInput
            label={t('money.expenditure.periodStart')}
            type="date"
            value={periodStart}
            onChange={(e) => setPeriodStart(e.currentTarget.value)}
            error={tried && !startOk ? t('money.error.date') : undefined}
          />
          <TextInput
            label={t('money.expenditure.periodEnd')}
            type="date"
            required
            value={periodEnd}
            onChange={(e) => setPeriodEnd(e.currentTarget.value)}
            error={tried && !isIsoDate(periodEnd) ? t('money.error.date') : undefined}
          />
        </Group>
        <FormFooter
          error={save.isError ? save.error : null}
          pending={save.isPending}
          onCancel={onDone}
          submitLabel={t('money.expenditure.submit')}
        />
      </Stack>
    </form>
  );
}

function StatementForm({ project, onDone }: { project: money.FundProject; onDone: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const currency = project.transfers.currency;
  const [spent, setSpent] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const parsed = parseAmount(spent, currency, true);
  const save = useMutation({
    mutationFn: () =>
      money.submitStatement(project.allocationId, {
        spent: { amount: 'minor' in parsed ? parsed.minor : '0', currency },
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['fund-projects'] });
      onDone();
    },
  });
  return (
    <form
      noValidate
      aria-label={t('money.statementForm.title')}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if ('minor' in parsed) save.mutate();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('money.statementForm.intro')}
        </Text>
        <TextInput
          label={t('money.statementForm.spent', { currency })}
          required
          inputMode="decimal"
          value={spent}
          onChange={(e) => setSpent(e.currentTarget.value)}
          error={tried && 'error' in parsed ? t(parsed.error) : undefined}
          data-autofocus
        />
        <Textarea
          label={t('fund.note')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <FormFooter
          error={save.isError ? save.error : null}
          pending={save.isPending}
          onCancel={onDone}
          submitLabel={t('money.statementForm.submit')}
        />
      </Stack>
    </form>
  );
}

const figure = (f: { value: string; female: string | null; male: string | null } | null | undefined) =>
  !f ? '—' : f.female !== null || f.male !== null ? `${f.value} (♀ ${f.female ?? '—'} · ♂ ${f.male ?? '—'})` : f.value;

/** The results framework's indicators: baseline, target, and the latest accepted actual. */
function ResultsSection({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  const results = useQuery({
    queryKey: ['results', request.id],
    queryFn: () => money.results(request.id),
    retry: false,
  });
  return (
    <section aria-labelledby="results-heading">
      <Title order={2} size="h3" id="results-heading">
        {t('money.results.title')}
      </Title>
      {results.isPending ? (
        <Loading />
      ) : results.isError ? (
        (results.error as { status?: number }).status === 404 ? (
          <Empty>{t('money.results.none')}</Empty>
        ) : (
          <ErrorState error={results.error} onRetry={() => void results.refetch()} />
        )
      ) : results.data.indicators.length === 0 ? (
        <Empty>{t('money.results.none')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('money.results.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('money.results.indicator')}</Table.Th>
                <Table.Th scope="col">{t('money.results.baseline')}</Table.Th>
                <Table.Th scope="col">{t('money.results.target')}</Table.Th>
                <Table.Th scope="col">{t('money.results.latest')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.data.indicators.map((i) => (
                <Table.Tr key={i.code}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {i.code} · {i.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {i.resultTitle} · {i.measure === 'percentage' ? '%' : i.unit}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {figure(i.baseline)} ({i.baseline.year})
                  </Table.Td>
                  <Table.Td>{figure(i.target)}</Table.Td>
                  <Table.Td>
                    {i.latestAccepted ? `${figure(i.latestAccepted)} · ${i.latestAccepted.period}` : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** The hub officer reads each submitted report (indicator actuals, expenditure by category) and accepts or returns it. */
function ReportsReview({ request }: { request: SupportRequest }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const reports = useQuery({
    queryKey: ['report-review', request.id],
    queryFn: () => money.requestReports(request.id),
  });
  const [reviewing, setReviewing] = useState<{ report: money.Report; decision: 'accept' | 'return' } | null>(null);
  const [reason, setReason] = useState('');
  const review = useMutation({
    mutationFn: () => money.reviewReport(request.id, reviewing!.report.id, reviewing!.decision, reason.trim()),
    onSuccess: () => {
      setReviewing(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['report-review', request.id] });
      void qc.invalidateQueries({ queryKey: ['reports', request.id] });
      void qc.invalidateQueries({ queryKey: ['results', request.id] });
    },
  });
  const label = (r: money.Report) => `${codeLabel(t, 'reportKind', r.kind)} ${r.period}`;
  return (
    <section aria-labelledby="review-heading">
      <Title order={2} size="h3" id="review-heading">
        {t('money.review.title')}
      </Title>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.items.length === 0 ? (
        <Empty>{t('reports.none')}</Empty>
      ) : (
        <Stack gap="sm">
          {reports.data.items.map((r) => (
            <Card key={r.id} withBorder component="article" aria-label={label(r)}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {label(r)} · {formatDate(r.submittedAt, lang)}
                </Text>
                <Badge
                  variant="light"
                  color={r.status === 'accepted' ? 'green' : r.status === 'returned' ? 'orange' : 'blue'}
                  c="#1b1f24"
                  tt="none"
                >
                  {codeLabel(t, 'money.reportStatus', r.status)}
                </Badge>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.narrative}
              </Text>
              {r.indicatorActuals.length > 0 && (
                <Table aria-label={t('money.review.actuals', { report: label(r) })} mt="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('money.results.indicator')}</Table.Th>
                      <Table.Th scope="col">{t('money.review.actual')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.indicatorActuals.map((a) => (
                      <Table.Tr key={a.code}>
                        <Table.Td>{a.code}</Table.Td>
                        <Table.Td>{figure(a)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {r.expenditure.length > 0 && (
                <Table aria-label={t('money.review.expenditure', { report: label(r) })} mt="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('money.review.category')}</Table.Th>
                      <Table.Th scope="col">{t('fund.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.expenditure.map((x) => (
                      <Table.Tr key={x.category}>
                        <Table.Td>{codeLabel(t, 'money.category', x.category)}</Table.Td>
                        <Table.Td>{formatMoney({ amount: x.amount, currency: r.currency ?? 'USD' }, lang)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {r.reviewReason && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('money.review.reason', { reason: r.reviewReason })}
                </Text>
              )}
              {r.status === 'submitted' && (
                <Group gap="xs" mt="xs">
                  <Button
                    size="xs"
                    onClick={() => setReviewing({ report: r, decision: 'accept' })}
                    aria-label={t('money.review.acceptThis', { report: label(r) })}
                  >
                    {t('money.review.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    color="orange"
                    onClick={() => setReviewing({ report: r, decision: 'return' })}
                    aria-label={t('money.review.returnThis', { report: label(r) })}
                  >
                    {t('money.review.return')}
                  </Button>
                </Group>
              )}
            </Card>
          ))}
        </Stack>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('money.close') }}
        opened={reviewing !== null}
        onClose={() => setReviewing(null)}
        title={reviewing ? t(`money.review.${reviewing.decision}This`, { report: label(reviewing.report) }) : ''}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) review.mutate();
          }}
        >
          <Stack>
            <Textarea
              label={t('money.reason')}
              description={t('money.review.reasonHint')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
            {review.isError && <ErrorState error={review.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReviewing(null)}>
                {t('action.cancel')}
              </Button>
              <Button
                type="submit"
                disabled={!reason.trim()}
                loading={review.isPending}
                color={reviewing?.decision === 'return' ? 'orange' : undefined}
              >
                {reviewing ? t(`money.review.${reviewing.decision}`) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </section>
  );
}
