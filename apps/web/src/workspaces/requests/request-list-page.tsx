import '../../ui/styles-workspace';
import { Anchor, Button, Card, Checkbox, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import * as api from '../../api/endpoints';
import { oneOf, REQUEST_STATUSES, type SupportRequest } from '../../api/model';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { OverdueBadge, StatusBadge } from '../../ui/badges';
import { formatDate } from '../../ui/format';
import { countryName } from '../../ui/places';
import { problemMessage } from '../../ui/problem-message';
import { ApiError } from '../../api/client';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';

export default function RequestListPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const role = me!.role;
  const isHub = role === 'hub_officer' || role === 'admin';
  const title =
    role === 'focal_point' ? t('requests.mine') : isHub ? t('requests.triageQueue') : t('requests.implementing');
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const filters: api.RequestFilters = {
    status: oneOf(REQUEST_STATUSES, params.get('status')) ?? (isHub && !params.has('status') ? 'submitted' : undefined),
    countryCode: params.get('countryCode') ?? undefined,
    objective: params.get('objective') ? Number(params.get('objective')) : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    assigneeId: params.get('mine') === 'true' ? me!.id : undefined,
  };
  const setFilter = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  const list = useInfiniteQuery({
    queryKey: ['requests', filters],
    queryFn: ({ pageParam }) => api.requests({ ...filters, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // On a phone a row is a card: a six-column table would scroll sideways
  const phone = useMediaQuery('(max-width: 40em)');

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        {role === 'focal_point' && (
          <Button component={Link} to="/app/requests/new">
            {t('nav.newRequest')}
          </Button>
        )}
      </Group>
      {isHub && <HubFilters filters={filters} statusParam={params.get('status')} setFilter={setFilter} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{role === 'focal_point' ? t('requests.emptyMine') : t('requests.empty')}</Empty>
      ) : phone ? (
        <Stack gap="sm" component="ul" aria-label={title} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((r) => (
            <Card key={r.id} withBorder padding="sm" component="li">
              <Anchor component={Link} to={`/app/requests/${r.id}`} fw={600}>
                {r.title}
              </Anchor>
              <Group gap={6} mt={4}>
                <StatusBadge status={r.status} />
                {r.overdue && <OverdueBadge />}
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                {[
                  r.reference ?? t('request.noReference'),
                  role !== 'focal_point' ? countryName(r.countryCode, lang) : null,
                  formatDate(r.updatedAt ?? r.submittedAt ?? r.createdAt, lang),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Stack mt="xs" gap={4}>
                {isHub ? (
                  <HubRowAction request={r} meId={me!.id} />
                ) : (
                  <Text size="sm">{t(`nextStep.${r.status}`)}</Text>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('request.reference')}</Table.Th>
                <Table.Th scope="col">{t('request.title')}</Table.Th>
                {role !== 'focal_point' && <Table.Th scope="col">{t('request.country')}</Table.Th>}
                <Table.Th scope="col">{t('request.status')}</Table.Th>
                <Table.Th scope="col">{t('request.updated')}</Table.Th>
                <Table.Th scope="col">{isHub ? t('request.actions') : t('request.nextStep')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {r.reference ?? t('request.noReference')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/app/requests/${r.id}`}>
                      {r.title}
                    </Anchor>
                  </Table.Td>
                  {role !== 'focal_point' && <Table.Td>{countryName(r.countryCode, lang)}</Table.Td>}
                  <Table.Td>
                    <Group gap={4}>
                      <StatusBadge status={r.status} />
                      {r.overdue && <OverdueBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDate(r.updatedAt ?? r.submittedAt ?? r.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    {isHub ? (
                      <HubRowAction request={r} meId={me!.id} />
                    ) : (
                      <Text size="sm">{t(`nextStep.${r.status}`)}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          w="fit-content"
        >
          {t('action.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

function HubFilters({
  filters,
  statusParam,
  setFilter,
}: {
  filters: api.RequestFilters;
  statusParam: string | null;
  setFilter: (name: string, value: string | null) => void;
}) {
  const { t } = useI18n();
  const objectives = useQuery({ queryKey: ['objectives'], queryFn: api.objectives, staleTime: Infinity });
  return (
    <Group
      align="flex-end"
      gap="md"
      wrap="wrap"
      component="form"
      role="search"
      aria-label={t('requests.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <NativeSelect
        label={t('request.status')}
        value={statusParam ?? 'submitted'}
        onChange={(e) => setFilter('status', e.currentTarget.value)}
        data={[
          { value: '', label: t('filter.any') },
          ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
        ]}
      />
      <NativeSelect
        label={t('request.objective')}
        value={filters.objective ? String(filters.objective) : ''}
        onChange={(e) => setFilter('objective', e.currentTarget.value || null)}
        data={[
          { value: '', label: t('filter.any') },
          ...(objectives.data ?? []).map((o) => ({
            value: String(o.number),
            label: `${o.number}. ${o.title}`,
          })),
        ]}
      />
      <CountryFilter value={filters.countryCode ?? ''} onChange={(v) => setFilter('countryCode', v || null)} />
      <Checkbox
        label={t('filter.overdue')}
        checked={filters.overdue === true}
        onChange={(e) => setFilter('overdue', e.currentTarget.checked ? 'true' : null)}
      />
      <Checkbox
        label={t('filter.mine')}
        checked={!!filters.assigneeId}
        onChange={(e) => setFilter('mine', e.currentTarget.checked ? 'true' : null)}
      />
    </Group>
  );
}

function CountryFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t, lang } = useI18n();
  const countries = useQuery({ queryKey: ['countries'], queryFn: api.countries, staleTime: Infinity });
  return (
    <NativeSelect
      label={t('request.country')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('filter.any') },
        ...(countries.data ?? [])
          .map((c) => ({ value: c.code, label: countryName(c.code, lang) }))
          .sort((a, b) => a.label.localeCompare(b.label, lang)),
      ]}
    />
  );
}

/** A refusal in a row, short: the rule in the user's language, else the API's reason, else the title. */
function refusal(error: unknown, t: (key: string, vars?: Record<string, string | number>) => string): string {
  const m = problemMessage(
    error instanceof ApiError ? error.status : 0,
    error instanceof ApiError ? error.problem : undefined,
    t,
  );
  return [m.message, m.reason].filter(Boolean).join(' ') || m.advice || m.title;
}

function HubRowAction({ request, meId }: { request: SupportRequest; meId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => api.requestAction(request.id, request.version, 'start_triage', { assigneeId: meId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['requests'] }),
  });
  if (request.status !== 'submitted')
    return (
      <Anchor component={Link} to={`/app/requests/${request.id}`} size="sm">
        {t('action.open')}
      </Anchor>
    );
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        onClick={() => start.mutate()}
        loading={start.isPending}
        aria-label={t('action.assignToMeFor', { title: request.title })}
      >
        {t('action.assignToMe')}
      </Button>
      {start.isError && (
        <Text size="xs" c="red" role="alert">
          {refusal(start.error, t)}
        </Text>
      )}
    </Stack>
  );
}
