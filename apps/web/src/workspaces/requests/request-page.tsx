import '../../ui/styles-workspace';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Modal,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import * as api from '../../api/endpoints';
import type { RequestAction, SupportRequest, TimelineEntry } from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { OverdueBadge, StatusBadge } from '../../ui/badges';
import { codeLabel, formatDate, formatMoney } from '../../ui/format';
import { ConfirmModal } from '../../ui/confirm';
import { useActionTitle, useObjectiveTitle } from '../../ui/objectives';
import { countryName } from '../../ui/places';
import { DocumentsPanel } from '../../ui/documents-panel';
import { ErrorState, Loading, usePageTitle } from '../../ui/states';
import { AssessmentPanel, InvitationsPanel, MatchesPanel, PlanPanel, SimilarPanel } from './hub-panels';
import { FundingResultsPanel, showsFunding } from './funding-results-panel';

/** Actions that need a sentence from the person acting, and the body field it goes in. */
const TEXT_ACTIONS: Partial<Record<RequestAction, string>> = {
  request_info: 'question',
  provide_info: 'answer',
  decline: 'reason',
  withdraw: 'reason',
};
/** Actions whose sentence is optional: start_implementation takes an override reason when funding falls short. */
const OPTIONAL_TEXT: Partial<Record<RequestAction, string>> = { start_implementation: 'override' };
const DANGER: RequestAction[] = ['decline', 'withdraw'];
const fieldOf = (a: RequestAction) => TEXT_ACTIONS[a] ?? OPTIONAL_TEXT[a];

export default function RequestPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const request = useQuery({ queryKey: ['request', id], queryFn: () => api.request(id) });
  usePageTitle(request.data?.title ?? t('request.page'));
  if (request.isPending) return <Loading />;
  if (request.isError) return <ErrorState error={request.error} onRetry={() => void request.refetch()} />;
  const r = request.data;
  const isHub = me?.role === 'hub_officer';
  const justSaved = (location.state as { saved?: boolean } | null)?.saved;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/requests" size="sm">
        ← {t('request.backToList')}
      </Anchor>
      {justSaved && (
        <Alert color="green" role="status" title={t('request.savedTitle')}>
          {r.status === 'draft'
            ? t('request.savedDraft')
            : t('request.savedStatus', { status: t(`status.${r.status}`) })}
        </Alert>
      )}
      <div>
        <Text ff="monospace" size="sm" c="dimmed">
          {r.reference ?? t('request.noReference')}
        </Text>
        <Title order={1}>{r.title}</Title>
        <Group gap="xs" mt="xs">
          <StatusBadge status={r.status} />
          {r.overdue && <OverdueBadge />}
          <Text size="sm" c="dimmed">
            {t('request.country')}: {countryName(r.countryCode, lang)}
          </Text>
        </Group>
        <Text size="sm" mt="xs">
          {t(`nextStep.${r.status}`)}
        </Text>
      </div>
      <ActionBar request={r} />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Tabs defaultValue="details" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="details">{t('request.tab.details')}</Tabs.Tab>
              {isHub && <Tabs.Tab value="assessment">{t('request.tab.assessment')}</Tabs.Tab>}
              {isHub && <Tabs.Tab value="partners">{t('request.tab.partners')}</Tabs.Tab>}
              <Tabs.Tab value="similar">{t('request.tab.similar')}</Tabs.Tab>
              <Tabs.Tab value="plan">{t('request.tab.plan')}</Tabs.Tab>
              {showsFunding(r) && <Tabs.Tab value="funding">{t('money.funding.tab')}</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="details" pt="md">
              <Details request={r} lang={lang} />
            </Tabs.Panel>
            {isHub && (
              <Tabs.Panel value="assessment" pt="md">
                <AssessmentPanel request={r} />
              </Tabs.Panel>
            )}
            {isHub && (
              <Tabs.Panel value="partners" pt="md">
                <Stack gap="xl">
                  <MatchesPanel request={r} />
                  <InvitationsPanel request={r} />
                </Stack>
              </Tabs.Panel>
            )}
            <Tabs.Panel value="similar" pt="md">
              <SimilarPanel request={r} />
            </Tabs.Panel>
            <Tabs.Panel value="plan" pt="md">
              <PlanPanel request={r} />
            </Tabs.Panel>
            {showsFunding(r) && (
              <Tabs.Panel value="funding" pt="md">
                <FundingResultsPanel request={r} />
              </Tabs.Panel>
            )}
          </Tabs>
          <RequestDocuments request={r} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Timeline requestId={r.id} canInternal={isHub || me?.role === 'admin'} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The concept note and the endorsement letter: filed by the country's focal point or the hub. */
function RequestDocuments({ request: r }: { request: SupportRequest }) {
  const { me } = useAuth();
  const canEdit =
    me?.role === 'hub_officer' ||
    me?.role === 'admin' ||
    (me?.role === 'focal_point' && me.countryCode === r.countryCode);
  return (
    <Box mt="xl">
      <DocumentsPanel
        parent={{ type: 'request', id: r.id }}
        canEdit={canEdit}
        kinds={['concept_note', 'endorsement_letter', 'other']}
      />
    </Box>
  );
}

function Details({ request: r, lang }: { request: SupportRequest; lang: string }) {
  const { t } = useI18n();
  const objectiveTitle = useObjectiveTitle();
  const actionTitle = useActionTitle();
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt>
        <Text fw={600} size="sm">
          {label}
        </Text>
      </dt>
      <dd style={{ marginInlineStart: 0, marginBlockEnd: '0.75rem' }}>{value}</dd>
    </>
  );
  return (
    <dl style={{ margin: 0 }}>
      {row(t('form.field.summary'), <Text style={{ whiteSpace: 'pre-wrap' }}>{r.summary || '—'}</Text>)}
      {row(t('form.field.expectedResults'), <Text style={{ whiteSpace: 'pre-wrap' }}>{r.expectedResults || '—'}</Text>)}
      {row(t('form.field.objectives'), (r.objectives ?? []).map(objectiveTitle).join('; ') || '—')}
      {(r.actions?.length ?? 0) > 0 &&
        row(
          t('form.field.actions'),
          <ul style={{ margin: 0, paddingInlineStart: '1.1rem' }}>
            {r.actions!.map((code) => (
              <li key={code}>
                <Text size="sm">{actionTitle(code)}</Text>
              </li>
            ))}
          </ul>,
        )}
      {row(t('form.field.supportTypes'), (r.supportTypes ?? []).map((s) => t(`supportType.${s}`)).join(', ') || '—')}
      {row(t('form.field.budget'), formatMoney(r.estimatedBudget, lang))}
      {row(
        t('request.timeframe'),
        r.startDate || r.endDate ? `${formatDate(r.startDate, lang)} – ${formatDate(r.endDate, lang)}` : '—',
      )}
    </dl>
  );
}

/** The steps asked once more before they happen, and what the question says. */
const CONFIRM: Partial<Record<RequestAction, string>> = {
  submit: 'confirm.submit',
  approve: 'confirm.approve',
  complete: 'confirm.complete',
};

function ActionBar({ request: r }: { request: SupportRequest }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [pending, setPending] = useState<RequestAction | null>(null);
  const [confirming, setConfirming] = useState<RequestAction | null>(null);
  const [text, setText] = useState('');
  const act = useMutation({
    mutationFn: ({ action, body }: { action: RequestAction; body: Record<string, unknown> }) =>
      api.requestAction(r.id, r.version, action, body),
    onSuccess: (updated) => {
      setPending(null);
      setConfirming(null);
      setText('');
      qc.setQueryData(['request', r.id], (old: SupportRequest | undefined) => ({ ...old, ...updated }));
      void qc.invalidateQueries({ queryKey: ['request', r.id] });
      void qc.invalidateQueries({ queryKey: ['timeline', r.id] });
      void qc.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  const allowed = r.allowedActions ?? [];
  const body = (action: RequestAction) => (action === 'start_triage' && me ? { assigneeId: me.id } : {});
  const run = (action: RequestAction) => {
    if (CONFIRM[action]) {
      act.reset();
      setConfirming(action);
      return;
    }
    if (fieldOf(action)) {
      act.reset();
      setPending(action);
      return;
    }
    act.mutate({ action, body: body(action) });
  };
  const editable = me?.role === 'focal_point' && (r.status === 'draft' || r.status === 'info_requested');
  if (!allowed.length && !editable) return null;
  return (
    <Card withBorder padding="md" component="section" aria-label={t('request.actions')}>
      <Text fw={600} mb="xs">
        {t('request.actions')}
      </Text>
      <Group gap="sm">
        {editable && (
          <Button component={Link} to={`/app/requests/${r.id}/edit`} variant="default">
            {t('action.edit')}
          </Button>
        )}
        {allowed.map((a) => (
          <Button
            key={a}
            color={DANGER.includes(a) ? 'red' : undefined}
            variant={DANGER.includes(a) ? 'outline' : 'filled'}
            onClick={() => run(a)}
            loading={act.isPending && act.variables?.action === a}
          >
            {t(`requestAction.${a}`)}
          </Button>
        ))}
      </Group>
      <ConfirmModal
        opened={confirming !== null}
        message={confirming ? t(CONFIRM[confirming]!) : ''}
        confirmLabel={confirming ? t(`requestAction.${confirming}`) : ''}
        onConfirm={() => confirming && act.mutate({ action: confirming, body: body(confirming) })}
        onCancel={() => setConfirming(null)}
        loading={act.isPending}
        error={act.isError ? act.error : undefined}
      />
      {act.isError && !pending && !confirming && (
        <Stack mt="sm">
          <ErrorState error={act.error} />
        </Stack>
      )}
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t(`requestAction.${pending}`) : ''}
        centered
      >
        {pending && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const optional = !TEXT_ACTIONS[pending];
              if (text.trim()) act.mutate({ action: pending, body: { [fieldOf(pending)!]: text.trim() } });
              else if (optional) act.mutate({ action: pending, body: {} });
            }}
          >
            <Stack>
              <Textarea
                label={t(`requestActionField.${fieldOf(pending)}`)}
                description={TEXT_ACTIONS[pending] ? undefined : t('requestActionField.optional')}
                required={!!TEXT_ACTIONS[pending]}
                autosize
                minRows={3}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                data-autofocus
              />
              {act.isError && <ErrorState error={act.error} />}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setPending(null)}>
                  {t('action.cancel')}
                </Button>
                <Button
                  type="submit"
                  disabled={!text.trim() && !!TEXT_ACTIONS[pending]}
                  loading={act.isPending}
                  color={DANGER.includes(pending) ? 'red' : undefined}
                >
                  {t(`requestAction.${pending}`)}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Card>
  );
}

/** A timeline entry in words: "Information requested by Hamid Hub". */
function entryLabel(e: TimelineEntry, t: (k: string, v?: Record<string, string | number>) => string): string {
  const what = entryWhat(e, t);
  return e.actorName ? t('timeline.by', { what, name: e.actorName }) : what;
}

function entryWhat(e: TimelineEntry, t: (k: string, v?: Record<string, string | number>) => string): string {
  if (e.action) {
    const key = `timeline.action.${e.action}`;
    const said = t(key);
    if (said !== key) return said;
  }
  if (e.toStatus) return t('timeline.movedTo', { status: t(`status.${e.toStatus}`) });
  const kind = e.kind;
  if (kind.includes('comment') || kind.includes('note'))
    return e.internal ? t('timeline.internalNote') : t('timeline.comment');
  if (kind === 'created') return t('timeline.created');
  return codeLabel(t, 'timeline.kind', kind.replace(/^request\./, ''));
}

function Timeline({ requestId, canInternal }: { requestId: string; canInternal: boolean }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const entries = useQuery({ queryKey: ['timeline', requestId], queryFn: () => api.timeline(requestId) });
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const comment = useMutation({
    mutationFn: () => api.addComment(requestId, body.trim(), internal),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['timeline', requestId] });
    },
  });
  return (
    <Stack component="section" aria-labelledby="timeline-heading">
      <Title order={2} size="h3" id="timeline-heading">
        {t('timeline.title')}
      </Title>
      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.data.length === 0 ? (
        <Text c="dimmed">{t('timeline.empty')}</Text>
      ) : (
        <ol className="timeline" aria-label={t('timeline.title')}>
          {entries.data.map((e) => (
            <li key={e.id}>
              <Group gap={6}>
                <Text fw={600} size="sm">
                  {entryLabel(e, t)}
                </Text>
                {e.internal && (
                  <Badge size="xs" color="gray">
                    {t('timeline.internal')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {formatDate(e.at, lang, true)}
                {e.actorRole ? ` · ${t(`role.${e.actorRole}`)}` : ''}
              </Text>
              {e.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.body}
                </Text>
              )}
            </li>
          ))}
        </ol>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) comment.mutate();
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={t('timeline.addComment')}
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          {canInternal && (
            <Checkbox
              label={t('timeline.markInternal')}
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
          )}
          {comment.isError && <ErrorState error={comment.error} />}
          <Button type="submit" variant="default" disabled={!body.trim()} loading={comment.isPending} w="fit-content">
            {t('timeline.post')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
