import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import * as api from '../api/endpoints';
import type { Money } from '../api/model';
import { useI18n } from '../i18n/i18n';
import { formatDate, formatMoney, formatPercent, moneyToNumber } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';
import { useObjectiveTitle } from '../ui/objectives';
import { countryName } from '../ui/places';
import { BarChart, HeatTable } from './charts';

/** The API sends rates as decimal strings ("0.6000"); null when nothing was transferred yet. */
export const rate = (r: string | null | undefined): number | null => (r === null || r === undefined ? null : Number(r));

export default function FundFigures() {
  const { t, lang } = useI18n();
  const objectiveTitle = useObjectiveTitle();
  const summary = useQuery({ queryKey: ['fund-summary'], queryFn: api.fundSummary, staleTime: 5 * 60_000 });
  // Published practices per objective come from the knowledge facets (one call, no results needed).
  const practices = useQuery({
    queryKey: ['practices-by-objective'],
    queryFn: () => api.searchKnowledge({ kind: 'practice', limit: 1 }),
    staleTime: 5 * 60_000,
  });
  if (summary.isPending) return <Loading />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const kpis = [
    { label: t('fund.deposits'), value: formatMoney(s.totals.deposits, lang, true) },
    { label: t('fund.allocations'), value: formatMoney(s.totals.allocations, lang, true) },
    { label: t('fund.transfers'), value: formatMoney(s.totals.transfers, lang, true) },
    { label: t('fund.expenditure'), value: formatMoney(s.totals.expenditure, lang, true) },
    { label: t('fund.deliveryRate'), value: formatPercent(rate(s.totals.deliveryRate), lang) },
  ];
  const bars = <R,>(rows: R[], label: (r: R) => string, pick: (r: R) => Money | undefined) =>
    rows
      .map((r) => ({ label: label(r), value: moneyToNumber(pick(r)), display: formatMoney(pick(r), lang, true) }))
      .sort((a, b) => b.value - a.value);
  const practiceCount = new Map((practices.data?.facets.objective ?? []).map((b) => [Number(b.value), b.count]));
  const pipelineCount = new Map<number, number>();
  for (const p of s.pipeline) for (const o of p.objectives) pipelineCount.set(o, (pipelineCount.get(o) ?? 0) + 1);
  const funded = new Map(s.byObjective.map((o) => [o.objective, o]));
  const objectiveRows = Array.from({ length: 23 }, (_, i) => i + 1).map((n) => {
    const f = funded.get(n);
    return {
      label: objectiveTitle(n),
      cells: [
        { value: pipelineCount.get(n) ?? 0, display: String(pipelineCount.get(n) ?? 0) },
        {
          value: moneyToNumber(f?.allocations),
          display: f?.allocations ? formatMoney(f.allocations, lang, true) : '—',
        },
        {
          value: moneyToNumber(f?.expenditure),
          display: f?.expenditure ? formatMoney(f.expenditure, lang, true) : '—',
        },
        { value: practiceCount.get(n) ?? 0, display: String(practiceCount.get(n) ?? 0) },
      ],
    };
  });
  return (
    <Stack gap="lg" mt="sm">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        {kpis.map((k) => (
          <Card key={k.label} withBorder padding="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {k.label}
            </Text>
            <Text size="xl" fw={700}>
              {k.value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('fund.asOf', { date: formatDate(s.asOf, lang, true), count: s.projects })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        {s.byDonor.length > 0 && (
          <BarChart
            title={t('fund.byDonor')}
            bars={bars(
              s.byDonor,
              (r) => r.name ?? r.acronym ?? '—',
              (r) => r.deposits,
            )}
          />
        )}
        {s.byOrganisation.length > 0 && (
          <BarChart
            title={t('fund.byOrganisation')}
            bars={bars(
              s.byOrganisation,
              (r) => r.acronym ?? r.name ?? '—',
              (r) => r.transfers,
            )}
            color="#2a70c2"
          />
        )}
        {s.byCountry.length > 0 && (
          <BarChart
            title={t('fund.byCountry')}
            bars={bars(
              s.byCountry,
              (r) => countryName(r.countryCode, lang),
              (r) => r.allocations,
            )}
            color="#0f7b6c"
          />
        )}
      </SimpleGrid>
      <HeatTable
        caption={t('fund.objectivesHeat')}
        corner={t('request.objective')}
        columns={[t('fund.col.pipeline'), t('fund.col.funding'), t('fund.expenditure'), t('fund.col.practices')]}
        rows={objectiveRows}
      />
    </Stack>
  );
}
