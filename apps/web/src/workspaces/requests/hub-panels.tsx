import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints';
import type { SupportRequest } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Empty, ErrorState, Loading } from '../../ui/states';

export function AssessmentPanel({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const criteria = useQuery({ queryKey: ['criteria'], queryFn: api.assessmentCriteria, staleTime: Infinity });
  const [scores, setScores] = useState<Record<string, string>>({});
  const [genderMarker, setGenderMarker] = useState('');
  const [humanRightsMarker, setHumanRightsMarker] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const [rationale, setRationale] = useState('');
  const [conflict, setConflict] = useState(false);
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.saveAssessment(request.id, {
        scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
        genderMarker: Number(genderMarker),
        humanRightsMarker: Number(humanRightsMarker),
        recommendation,
        rationale: rationale.trim(),
        conflictOfInterest: conflict,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['request', request.id] });
      void qc.invalidateQueries({ queryKey: ['timeline', request.id] });
    },
  });
  if (criteria.isPending) return <Loading />;
  if (criteria.isError) return <ErrorState error={criteria.error} onRetry={() => void criteria.refetch()} />;
  const editable = request.status === 'in_assessment' || request.status === 'in_triage';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const incomplete = criteria.data.some((c) => scores[c.code] === undefined) || !genderMarker || !humanRightsMarker || !recommendation || !rationale.trim();
    setMissing(incomplete);
    if (!incomplete) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t('assessment.title')}
        </Title>
        {!editable && <Alert color="unblue">{t('assessment.notEditable')}</Alert>}
        <Text size="sm" c="dimmed">
          {t('assessment.help')}
        </Text>
        {criteria.data.map((c) => (
          <Radio.Group key={c.code} label={`${c.label} (${t('assessment.weight', { weight: c.weight })})`} value={scores[c.code] ?? ''} onChange={(v) => setScores((s) => ({ ...s, [c.code]: v }))} withAsterisk>
            <Group gap="md" mt={4}>
              {[0, 1, 2, 3, 4].map((n) => (
                <Radio key={n} value={String(n)} label={String(n)} disabled={!editable} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <Group grow>
          <NativeSelect
            label={t('assessment.genderMarker')}
            value={genderMarker}
            onChange={(e) => setGenderMarker(e.currentTarget.value)}
            data={[{ value: '', label: t('filter.choose') }, ...['0', '1', '2', '3'].map((v) => ({ value: v, label: v }))]}
            disabled={!editable}
            withAsterisk
          />
          <NativeSelect
            label={t('assessment.humanRightsMarker')}
            value={humanRightsMarker}
            onChange={(e) => setHumanRightsMarker(e.currentTarget.value)}
            data={[{ value: '', label: t('filter.choose') }, ...['0', '1', '2', '3'].map((v) => ({ value: v, label: v }))]}
            disabled={!editable}
            withAsterisk
          />
        </Group>
        <NativeSelect
          label={t('assessment.recommendation')}
          value={recommendation}
          onChange={(e) => setRecommendation(e.currentTarget.value)}
          data={[{ value: '', label: t('filter.choose') }, ...['proceed', 'decline', 'needs_information'].map((v) => ({ value: v, label: t(`recommendation.${v}`) }))]}
          disabled={!editable}
          withAsterisk
        />
        <Textarea label={t('assessment.rationale')} autosize minRows={3} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} disabled={!editable} withAsterisk />
        <Checkbox label={t('assessment.conflict')} checked={conflict} onChange={(e) => setConflict(e.currentTarget.checked)} disabled={!editable} />
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

export function MatchesPanel({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const matches = useQuery({ queryKey: ['matches', request.id], queryFn: () => api.partnerMatches(request.id), enabled: request.status === 'matching' || request.status === 'setup' });
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: () => api.organisations(), staleTime: 5 * 60_000 });
  const invite = useMutation({
    mutationFn: ({ organisationId, role }: { organisationId: string; role: 'lead' | 'participating' }) => api.invite(request.id, organisationId, role),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['invitations'] }),
  });
  const nameOf = (id: string) => orgs.data?.find((o) => o.id === id)?.name ?? id;
  return (
    <Stack component="section" aria-labelledby="matches-heading">
      <Title order={2} size="h3" id="matches-heading">
        {t('matches.title')}
      </Title>
      {request.status !== 'matching' && request.status !== 'setup' ? (
        <Empty>{t('matches.notYet')}</Empty>
      ) : matches.isPending ? (
        <Loading />
      ) : matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : matches.data.length === 0 ? (
        <Empty>{t('matches.none')}</Empty>
      ) : (
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
              const name = m.organisationName ?? nameOf(m.organisationId);
              return (
                <Table.Tr key={m.organisationId}>
                  <Table.Td>
                    {name}
                    {m.suggestedRole === 'lead' && (
                      <Badge ml={6} size="xs">
                        {t('matches.suggestedLead')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{m.score.toFixed(2)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {Object.entries(m.components ?? {})
                        .map(([k, v]) => `${t(`matchComponent.${k}`)}: ${typeof v === 'number' ? v.toFixed(2) : String(v)}`)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => invite.mutate({ organisationId: m.organisationId, role })} aria-label={t('matches.inviteAs', { role: t(`partnerRole.${role}`), name })}>
                      {t('matches.invite', { role: t(`partnerRole.${role}`) })}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
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

export function InvitationsPanel({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  // The API lists invitations at /invitations; this request's are filtered here.
  const list = useQuery({ queryKey: ['invitations', 'all'], queryFn: () => api.invitations() });
  const mine = list.data?.items.filter((i) => i.requestId === request.id) ?? [];
  return (
    <Stack component="section" aria-labelledby="invitations-heading">
      <Title order={2} size="h3" id="invitations-heading">
        {t('invitations.forRequest')}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : mine.length === 0 ? (
        <Empty>{t('invitations.none')}</Empty>
      ) : (
        <ul>
          {mine.map((i) => (
            <li key={i.id}>
              <Text size="sm">
                {i.organisationName ?? i.organisationId} · {t(`partnerRole.${i.role}`)} · <b>{t(`invitationStatus.${i.status}`)}</b>
                {i.reason ? ` — ${i.reason}` : ''}
              </Text>
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
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0 }}>
      {similar.data.map((s) => (
        <li key={s.kind + s.id}>
          <Group gap={6}>
            <Badge size="xs" variant="light">
              {s.kind === 'request' ? t('similar.request') : t('similar.knowledge')}
            </Badge>
            {s.kind === 'request' ? (
              <Anchor component={Link} to={`/app/requests/${s.id}`}>
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
