import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import * as api from '../api/endpoints';
import type { FundBreakdownRow, Money } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatMoney, formatPercent, moneyToNumber } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';
import { BarChart, HeatTable } from './charts';

const labelOf = (r: FundBreakdownRow) => r.name ?? r.label ?? r.code ?? r.key ?? r.id ?? '—';
const valueOf = (r: FundBreakdownRow, pick: (r: FundBreakdownRow) => Money | undefined) => pick(r) ?? r.amount;

export default function FundFigures() {
  const { t, lang } = useI18n();
  const summary = useQuery({ queryKey: ['fund-summary'], queryFn: api.fundSummary, staleTime: 5 * 60_000 });
  if (summary.isPending) return <Loading />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const kpis = [
    { label: t('fund.deposits'), value: formatMoney(s.deposits, lang, true) },
    { label: t('fund.allocations'), value: formatMoney(s.allocations, lang, true) },
    { label: t('fund.transfers'), value: formatMoney(s.transfers, lang, true) },
    { label: t('fund.expenditure'), value: formatMoney(s.expenditure, lang, true) },
    { label: t('fund.deliveryRate'), value: formatPercent(s.deliveryRate, lang) },
  ];
  const bars = (rows: FundBreakdownRow[] | undefined, pick: (r: FundBreakdownRow) => Money | undefined) =>
    (rows ?? []).map((r) => {
      const m = valueOf(r, pick);
      return { label: labelOf(r), value: moneyToNumber(m), display: formatMoney(m, lang, true) };
    });
  const objectives = s.byObjective ?? [];
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
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        {(s.byDonor?.length ?? 0) > 0 && <BarChart title={t('fund.byDonor')} bars={bars(s.byDonor, (r) => r.deposits)} />}
        {(s.byOrganisation?.length ?? 0) > 0 && <BarChart title={t('fund.byOrganisation')} bars={bars(s.byOrganisation, (r) => r.transfers)} color="#2a70c2" />}
        {(s.byCountry?.length ?? 0) > 0 && <BarChart title={t('fund.byCountry')} bars={bars(s.byCountry, (r) => r.allocations)} color="#0f7b6c" />}
      </SimpleGrid>
      {objectives.length > 0 && (
        <HeatTable
          caption={t('fund.objectivesHeat')}
          columns={[t('fund.col.requests'), t('fund.col.pipeline'), t('fund.col.funding'), t('fund.col.practices')]}
          rows={objectives.map((o) => ({
            label: t('objective.short', { number: o.objective ?? o.key ?? '' }),
            cells: [
              { value: o.requests ?? 0, display: String(o.requests ?? 0) },
              { value: o.pipeline ?? 0, display: String(o.pipeline ?? 0) },
              { value: moneyToNumber(o.allocations ?? o.amount), display: formatMoney(o.allocations ?? o.amount, lang, true) },
              { value: o.practices ?? 0, display: String(o.practices ?? 0) },
            ],
          }))}
        />
      )}
    </Stack>
  );
}
