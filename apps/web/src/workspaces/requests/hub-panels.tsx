import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Progress,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints';
import {
  MILESTONE_STATUSES,
  type Assessment,
  type Invitation,
  type MilestoneStatus,
  type PartnerMatch,
  type PlanMilestone,
  type Recommendation,
  type SupportRequest,
} from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { codeLabel, formatDate, formatMoney } from '../../ui/format';
import { useOrganisationName } from '../../ui/organisations';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { PlanEditor } from './plan-editor';

const RECOMMENDATIONS: Recommendation[] = ['proceed', 'needs_information', 'decline'];

/** The rubric: each criterion scored 0-4 with its weight; the current assessment (if any) pre-fills the form. */
export function AssessmentPanel({ request }: { request: SupportRequest }) {
  const criteria = useQuery({ queryKey: ['criteria'], queryFn: api.assessmentCriteria, staleTime: Infinity });
  const history = useQuery({ queryKey: ['assessment', request.id], queryFn: () => api.assessment(request.id) });
  if (criteria.isPending || history.isPending) return <Loading />;
  if (criteria.isError) return <ErrorState error={criteria.error} onRetry={() => void criteria.refetch()} />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  // keyed by the current version so a saved assessment re-fills the form
  return (
    <AssessmentForm
      key={history.data.current?.id ?? 'new'}
      request={request}
      criteria={criteria.data}
      current={history.data.current}
      versions={history.data.items.length}
    />
  );
}

function AssessmentForm({
  request,
  criteria,
  current,
  versions,
}: {
  request: SupportRequest;
  criteria: { code: string; label: string; weight: number }[];
  current: Assessment | null;
  versions: number;
}) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(current?.scores ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [genderMarker, setGenderMarker] = useState(current ? String(current.genderMarker) : '');
  const [humanRightsMarker, setHumanRightsMarker] = useState(current ? String(current.humanRightsMarker) : '');
  // optional: '' sends null (not scored)
  const [childMarker, setChildMarker] = useState(
    current?.childSensitivityMarker != null ? String(current.childSensitivityMarker) : '',
  );
  const [recommendation, setRecommendation] = useState<Recommendation | ''>(current?.recommendation ?? '');
  const [rationale, setRationale] = useState(current?.rationale ?? '');
  const [conflict, setConflict] = useState(current?.conflictOfInterest ?? false);
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.saveAssessment(request.id, {
        scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
        genderMarker: Number(genderMarker),
        humanRightsMarker: Number(humanRightsMarker),
        childSensitivityMarker: childMarker === '' ? null : Number(childMarker),
        recommendation: recommendation as Recommendation,
        rationale: rationale.trim(),
        conflictOfInterest: conflict,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['assessment', request.id] });
      void qc.invalidateQueries({ queryKey: ['request', request.id] });
      void qc.invalidateQueries({ queryKey: ['timeline', request.id] });
    },
  });
  const editable = request.status === 'in_assessment' || request.status === 'in_triage';
  // The weighted total as the API computes it: sum of score × weight / 100, on the 0-4 scale.
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0) || 1;
  const complete = criteria.every((c) => scores[c.code] !== undefined);
  const preview = criteria.reduce((s, c) => s + Number(scores[c.code] ?? 0) * c.weight, 0) / totalWeight;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const incomplete = !complete || !genderMarker || !humanRightsMarker || !recommendation || !rationale.trim();
    setMissing(incomplete);
    if (!incomplete) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="assessment-heading">
      <Stack>
        <Title order={2} size="h3" id="assessment-heading">
          {t('assessment.title')}
        </Title>
        {current && (
          <Alert color="blue" role="status" title={t('assessment.currentTitle', { version: current.version })}>
            {t('assessment.current', {
              total: current.weightedTotal.toLocaleString(lang, { maximumFractionDigits: 2 }),
              recommendation: t(`recommendation.${current.recommendation}`),
              date: formatDate(current.createdAt, lang),
              versions,
            })}
          </Alert>
        )}
        {!editable && <Alert color="gray">{t('assessment.notEditable')}</Alert>}
        <Text size="sm" c="dimmed">
          {t('assessment.help')}
        </Text>
        {criteria.map((c) => (
          <Radio.Group
            key={c.code}
            label={`${c.label} (${t('assessment.weight', { weight: c.weight })})`}
            value={scores[c.code] ?? ''}
            onChange={(v) => setScores((s) => ({ ...s, [c.code]: v }))}
            withAsterisk
          >
            <Group gap="md" mt={4}>
              {[0, 1, 2, 3, 4].map((n) => (
                <Radio key={n} value={String(n)} label={String(n)} disabled={!editable} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <Text fw={600} role="status">
          {complete
            ? t('assessment.preview', { total: preview.toLocaleString(lang, { maximumFractionDigits: 2 }) })
            : t('assessment.previewPending')}
        </Text>
        <Group grow>
          <NativeSelect
            label={t('assessment.genderMarker')}
            value={genderMarker}
            onChange={(e) => setGenderMarker(e.currentTarget.value)}
            data={[
              { value: '', label: t('filter.choose') },
              ...['0', '1', '2', '3'].map((v) => ({ value: v, label: v })),
            ]}
            disabled={!editable}
            withAsterisk
          />
          <NativeSelect
            label={t('assessment.humanRightsMarker')}
            value={humanRightsMarker}
            onChange={(e) => setHumanRightsMarker(e.currentTarget.value)}
            data={[
              { value: '', label: t('filter.choose') },
              ...['0', '1', '2', '3'].map((v) => ({ value: v, label: v })),
            ]}
            disabled={!editable}
            withAsterisk
          />
          <NativeSelect
            label={t('assessment.childSensitivityMarker')}
            value={childMarker}
            onChange={(e) => setChildMarker(e.currentTarget.value)}
            data={[
              { value: '', label: t('filter.choose') },
              ...['0', '1', '2', '3'].map((v) => ({ value: v, label: v })),
            ]}
            disabled={!editable}
          />
        </Group>
        <NativeSelect
          label={t('assessment.recommendation')}
          value={recommendation}
          onChange={(e) => setRecommendation(e.currentTarget.value as Recommendation | '')}
          data={[
            { value: '', label: t('filter.choose') },
            ...RECOMMENDATIONS.map((v) => ({ value: v, label: t(`recommendation.${v}`) })),
          ]}
          disabled={!editable}
          withAsterisk
        />
        <Textarea
          label={t('assessment.rationale')}
          autosize
          minRows={3}
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          disabled={!editable}
          withAsterisk
        />
        <Checkbox
          label={t('assessment.conflict')}
          checked={conflict}
          onChange={(e) => setConflict(e.currentTarget.checked)}
          disabled={!editable}
        />
        {missing && (
          <Alert color="red" role="alert">
            {t('assessment.incomplete')}
          </Alert>
        )}
        {save.isError && <ErrorState error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('assessment.saved')}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} disabled={!editable} w="fit-content">
          {t('assessment.save')}
        </Button>
      </Stack>
    </form>
  );
}

const percent = (v: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(v);

/** One ranked partner: the score, each component as a labelled bar, and the reasons in words. */
function MatchExplanation({ match }: { match: PartnerMatch }) {
  const { t, lang } = useI18n();
  return (
    <Stack gap={4}>
      {Object.entries(match.components ?? {}).map(([k, v]) => (
        <div key={k}>
          <Group justify="space-between" gap={4}>
            <Text size="xs">{codeLabel(t, 'matchComponent', k)}</Text>
            <Text size="xs" fw={600}>
              {percent(v, lang)}
            </Text>
          </Group>
          <Progress value={v * 100} size="sm" aria-hidden />
        </div>
      ))}
      {(match.reasons?.length ?? 0) > 0 && (
        <ul className="reasons" aria-label={t('matches.why')}>
          {match.reasons!.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

export function MatchesPanel({ request }: { request: SupportRequest }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const open = request.status === 'matching' || request.status === 'setup';
  const matches = useQuery({
    queryKey: ['matches', request.id],
    queryFn: () => api.partnerMatches(request.id),
    enabled: open,
  });
  const partners = useQuery({
    queryKey: ['partners', request.id],
    queryFn: () => api.requestPartners(request.id),
    enabled: open,
  });
  const invite = useMutation({
    mutationFn: ({ organisationId, role }: { organisationId: string; role: 'lead' | 'participating' }) =>
      api.invite(request.id, organisationId, role),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['partners', request.id] });
      void qc.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const invitedAs = (orgId: string) =>
    partners.data?.find((p) => p.organisationId === orgId && p.status !== 'declined' && p.status !== 'withdrawn');
  return (
    <Stack component="section" aria-labelledby="matches-heading">
      <Title order={2} size="h3" id="matches-heading">
        {t('matches.title')}
      </Title>
      {!open ? (
        <Empty>{t('matches.notYet')}</Empty>
      ) : matches.isPending ? (
        <Loading />
      ) : matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : matches.data.length === 0 ? (
        <Empty>{t('matches.none')}</Empty>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('matches.help')}
          </Text>
          <Table verticalSpacing="sm" aria-labelledby="matches-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matches.organisation')}</Table.Th>
                <Table.Th scope="col">{t('matches.score')}</Table.Th>
                <Table.Th scope="col">{t('matches.why')}</Table.Th>
                <Table.Th scope="col">{t('request.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.data.map((m) => {
                const role = m.suggestedRole ?? 'participating';
                const name = m.acronym ?? m.name ?? m.organisationId;
                const existing = invitedAs(m.organisationId);
                return (
                  <Table.Tr key={m.organisationId}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {name}
                      </Text>
                      {m.name && m.name !== name && (
                        <Text size="xs" c="dimmed">
                          {m.name}
                        </Text>
                      )}
                      {m.suggestedRole === 'lead' && (
                        <Badge mt={4} size="xs">
                          {t('matches.suggestedLead')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text fw={700}>{percent(m.score, lang)}</Text>
                    </Table.Td>
                    <Table.Td miw={220}>
                      <MatchExplanation match={m} />
                    </Table.Td>
                    <Table.Td>
                      {existing ? (
                        <Badge variant="light" c="#1b1f24">
                          {t(`invitationStatus.${existing.status}`)}
                        </Badge>
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => invite.mutate({ organisationId: m.organisationId, role })}
                          loading={invite.isPending && invite.variables?.organisationId === m.organisationId}
                          aria-label={t('matches.inviteAs', { role: t(`partnerRole.${role}`), name })}
                        >
                          {t('matches.invite', { role: t(`partnerRole.${role}`) })}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
      {invite.isError && <ErrorState error={invite.error} />}
      {invite.isSuccess && (
        <Alert color="green" role="status">
          {t('matches.invited')}
        </Alert>
      )}
    </Stack>
  );
}

function InvitationLine({ invitation: i }: { invitation: Invitation }) {
  const { t, lang } = useI18n();
  const organisationName = useOrganisationName();
  return (
    <Text size="sm">
      {i.organisationAcronym ?? organisationName(i.organisationId, true)} · {t(`partnerRole.${i.role}`)} ·{' '}
      <b>{t(`invitationStatus.${i.status}`)}</b> · {formatDate(i.respondedAt ?? i.invitedAt, lang)}
      {i.declineReason ? ` — ${i.declineReason}` : ''}
    </Text>
  );
}

export function InvitationsPanel({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['partners', request.id], queryFn: () => api.requestPartners(request.id) });
  return (
    <Stack component="section" aria-labelledby="invitations-heading">
      <Title order={2} size="h3" id="invitations-heading">
        {t('invitations.forRequest')}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>{t('invitations.none')}</Empty>
      ) : (
        <ul>
          {list.data.map((i) => (
            <li key={i.id}>
              <InvitationLine invitation={i} />
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

export function SimilarPanel({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  const similar = useQuery({ queryKey: ['similar', request.id], queryFn: () => api.similar(request.id) });
  if (similar.isPending) return <Loading />;
  if (similar.isError) return <ErrorState error={similar.error} onRetry={() => void similar.refetch()} />;
  if (similar.data.length === 0) return <Empty>{t('similar.none')}</Empty>;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0 }} aria-label={t('request.tab.similar')}>
      {similar.data.map((s) => (
        <li key={s.source + s.id}>
          <Group gap={6}>
            <Badge size="xs" variant="light" c="#1b1f24">
              {s.source === 'request' ? t('similar.request') : s.kind ? t(`kind.${s.kind}`) : t('similar.knowledge')}
            </Badge>
            {s.source === 'request' ? (
              <Anchor component={Link} to={`/app/requests/${s.id}`}>
                {s.reference ? `${s.reference}: ` : ''}
                {s.title}
              </Anchor>
            ) : (
              <Anchor component={Link} to={`/knowledge/${s.id}`}>
                {s.title}
              </Anchor>
            )}
          </Group>
          {(s.reasons?.length ?? 0) > 0 && (
            <Text size="xs" c="dimmed">
              {s.reasons!.join(' · ')}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}

const PLAN_STATUSES = new Set(['setup', 'in_implementation', 'completed', 'closed']);
/** The hub officer drafts and revises the plan while matching or in set-up. */
const PLANNING_STATUSES = new Set(['matching', 'setup']);

/** The implementation plan (organisations, milestones, budget and funding) and the partners' reports. */
export function PlanPanel({ request }: { request: SupportRequest }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const editable = me?.role === 'hub_officer' && PLANNING_STATUSES.has(request.status);
  const open = PLAN_STATUSES.has(request.status) || editable;
  const plan = useQuery({
    queryKey: ['plan', request.id],
    queryFn: () => api.implementationPlan(request.id),
    enabled: open,
    retry: false,
  });
  const reports = useQuery({
    queryKey: ['reports', request.id],
    queryFn: () => api.reports(request.id),
    enabled: open,
  });
  if (!open) return <Empty>{t('plan.notYet')}</Empty>;
  const money = (amount: string, currency: string) => formatMoney({ amount, currency }, lang);
  return (
    <Stack gap="lg">
      <section aria-labelledby="plan-heading">
        <Title order={2} size="h3" id="plan-heading">
          {t('plan.title')}
        </Title>
        {plan.isPending ? (
          <Loading />
        ) : plan.isError ? (
          (plan.error as { status?: number }).status === 404 ? (
            <Empty>{t('plan.none')}</Empty>
          ) : (
            <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
          )
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('plan.version', { version: plan.data.version, date: formatDate(plan.data.updatedAt, lang) })}
            </Text>
            <Table aria-label={t('plan.milestones')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('plan.milestone')}</Table.Th>
                  <Table.Th scope="col">{t('plan.due')}</Table.Th>
                  <Table.Th scope="col">{t('request.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.data.milestones.map((m) => (
                  <Table.Tr key={m.code}>
                    <Table.Td>
                      {m.code} · {m.title}
                    </Table.Td>
                    <Table.Td>{formatDate(m.dueDate, lang)}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={m.status === 'done' ? 'green' : m.status === 'delayed' ? 'orange' : 'gray'}
                        c="#1b1f24"
                      >
                        {codeLabel(t, 'milestoneStatus', m.status)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm">
              <b>{t('plan.budget')}:</b>{' '}
              {money(plan.data.budget.reduce((s, b) => s + BigInt(b.amount), 0n).toString(), plan.data.currency)} ·{' '}
              <b>{t('plan.funding')}:</b>{' '}
              {plan.data.funding
                .map(
                  (f) =>
                    `${codeLabel(t, 'fundingSource', f.source)} ${money(f.amount, plan.data.currency)} (${codeLabel(t, 'fundingStatus', f.status)})`,
                )
                .join('; ')}
            </Text>
            {plan.data.stakeholders.length > 0 && (
              <Text size="sm">
                <b>{t('plan.stakeholders')}:</b>{' '}
                {plan.data.stakeholders.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join('; ')}
              </Text>
            )}
          </Stack>
        )}
      </section>
      {editable && (plan.isSuccess || (plan.isError && (plan.error as { status?: number }).status === 404)) && (
        <PlanEditor request={request} plan={plan.data ?? null} />
      )}
      {me?.role === 'partner_officer' && request.status === 'in_implementation' && plan.data && (
        <ReportForm request={request} milestones={plan.data.milestones} />
      )}
      <section aria-labelledby="reports-heading">
        <Title order={2} size="h3" id="reports-heading">
          {t('reports.title')}
        </Title>
        {reports.isPending ? (
          <Loading />
        ) : reports.isError ? (
          <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
        ) : reports.data.length === 0 ? (
          <Empty>{t('reports.none')}</Empty>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0 }}>
            {reports.data.map((r) => (
              <li key={r.id}>
                <Text fw={600} size="sm">
                  {codeLabel(t, 'reportKind', r.kind)} · {r.period} · {formatDate(r.submittedAt, lang)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {r.narrative}
                </Text>
                {r.milestoneUpdates.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {r.milestoneUpdates
                      .map((u) => `${u.code}: ${codeLabel(t, 'milestoneStatus', u.status)}`)
                      .join(' · ')}
                  </Text>
                )}
              </li>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

/** A partner officer reports progress (or the final report) with the status of each milestone. */
function ReportForm({ request, milestones }: { request: SupportRequest; milestones: PlanMilestone[] }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'progress' | 'final'>('progress');
  const [period, setPeriod] = useState('');
  const [narrative, setNarrative] = useState('');
  const [lessons, setLessons] = useState('');
  const [statuses, setStatuses] = useState<Record<string, MilestoneStatus>>(() =>
    Object.fromEntries(milestones.map((m) => [m.code, m.status])),
  );
  const [missing, setMissing] = useState(false);
  const submit = useMutation({
    mutationFn: () =>
      api.submitReport(request.id, {
        kind,
        period: period.trim(),
        narrative: narrative.trim(),
        milestoneUpdates: milestones.map((m) => ({ code: m.code, status: statuses[m.code] })),
        lessonsLearned: lessons.trim() || undefined,
      }),
    onSuccess: () => {
      setPeriod('');
      setNarrative('');
      setLessons('');
      void qc.invalidateQueries({ queryKey: ['reports', request.id] });
      void qc.invalidateQueries({ queryKey: ['plan', request.id] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const incomplete = !period.trim() || !narrative.trim() || (kind === 'final' && !lessons.trim());
    setMissing(incomplete);
    if (!incomplete) submit.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="report-form-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="report-form-heading">
          {t('reports.submitTitle')}
        </Title>
        <Group grow>
          <NativeSelect
            label={t('reports.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as 'progress' | 'final')}
            data={(['progress', 'final'] as const).map((k) => ({ value: k, label: codeLabel(t, 'reportKind', k) }))}
          />
          <TextInput
            label={t('reports.period')}
            description={t('reports.periodHint')}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
            withAsterisk
          />
        </Group>
        <Textarea
          label={t('reports.narrative')}
          autosize
          minRows={3}
          value={narrative}
          onChange={(e) => setNarrative(e.currentTarget.value)}
          withAsterisk
        />
        {milestones.map((m) => (
          <NativeSelect
            key={m.code}
            label={`${m.code} · ${m.title}`}
            value={statuses[m.code]}
            onChange={(e) => {
              // read now: the event's currentTarget is gone when React runs the updater
              const value = e.currentTarget.value as MilestoneStatus;
              setStatuses((s) => ({ ...s, [m.code]: value }));
            }}
            data={MILESTONE_STATUSES.map((v) => ({ value: v, label: codeLabel(t, 'milestoneStatus', v) }))}
          />
        ))}
        <Textarea
          label={t('reports.lessons')}
          autosize
          minRows={2}
          value={lessons}
          onChange={(e) => setLessons(e.currentTarget.value)}
          withAsterisk={kind === 'final'}
        />
        {missing && (
          <Alert color="red" role="alert">
            {t('reports.incomplete')}
          </Alert>
        )}
        {submit.isError && <ErrorState error={submit.error} />}
        {submit.isSuccess && (
          <Alert color="green" role="status">
            {t('reports.submitted')}
          </Alert>
        )}
        <Button type="submit" loading={submit.isPending} w="fit-content">
          {t('reports.submit')}
        </Button>
      </Stack>
    </form>
  );
}
