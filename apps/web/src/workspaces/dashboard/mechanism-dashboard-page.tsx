import '../../ui/styles-workspace';
import { Anchor, Box, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import * as api from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { BarChart } from '../../public/charts';
import { formatDate, formatMoney, formatPercent } from '../../ui/format';
import { useObjectiveTitle } from '../../ui/objectives';
import { regionName } from '../../ui/places';
import { Empty, ErrorState, Loading, usePageTitle } from '../../ui/states';
import {
  durationLines,
  type MechanismDashboard,
  requestTotals,
  serviceLevelLines,
  splitQuarter,
} from './dashboard-figures';

const STEPS = ['triage', 'decision', 'first_transfer'] as const;
const LEVEL_STEPS = ['triage', 'information', 'assessment'] as const;

/** The mechanism's dashboard: for hub management, the Network secretariat, the committee and fund staff. */
export default function MechanismDashboardPage() {
  const { t } = useI18n();
  usePageTitle(t('dashboard.title'));
  const dashboard = useQuery({ queryKey: ['mechanism-dashboard'], queryFn: api.mechanismDashboard });
  return (
    <Stack>
      <Title order={1}>{t('dashboard.title')}</Title>
      <Text c="dimmed">{t('dashboard.lead')}</Text>
      <Group gap="md">
        <Text size="sm">{t('dashboard.openData')}</Text>
        <Anchor size="sm" href="/api/v1/open/mechanism.json">
          {t('dashboard.downloadJson')}
        </Anchor>
        <Anchor size="sm" href="/api/v1/open/mechanism.csv">
          {t('dashboard.downloadCsv')}
        </Anchor>
      </Group>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <Figures d={dashboard.data} />
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      {children}
    </Box>
  );
}

/** Scrolls sideways on a phone; focusable, so a keyboard can scroll it too. */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Box>
  );
}

function Figures({ d }: { d: MechanismDashboard }) {
  const { t, lang } = useI18n();
  const objectiveTitle = useObjectiveTitle();
  const quarter = (q: string) => t('dashboard.quarter', splitQuarter(q));
  // the dictionary's name first: some browsers' ICU data lack the M49 region codes Intl.DisplayNames needs
  const region = (r: string) => {
    const key = `dashboard.region.${r}`;
    const name = t(key);
    return name === key ? regionName(r, lang) : name;
  };
  const count = (n: number) => new Intl.NumberFormat(lang).format(n);
  // "1 day", "1,5 jour", "12 días": the language's own plural, from Intl
  const days = (n: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(
      n,
    );
  const bars = (rows: { key: string; count: number }[], label: (k: string) => string) =>
    rows.map((r) => ({ label: label(r.key), value: r.count, display: count(r.count) }));
  const filed = requestTotals(d.requests, 'quarter');
  return (
    <Stack gap="xl">
      <Text size="sm" c="dimmed">
        {t('dashboard.asOf', { date: formatDate(d.generatedAt, lang, true) })}
      </Text>
      <Section title={t('dashboard.requests')}>
        {filed.length === 0 ? (
          <Empty>{t('dashboard.noRequests')}</Empty>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <BarChart title={t('dashboard.byQuarter')} bars={bars(filed, quarter)} limit={filed.length} />
            <BarChart
              title={t('dashboard.byStatus')}
              bars={bars(requestTotals(d.requests, 'status'), (s) => t(`status.${s}`))}
              limit={12}
              color="#2a70c2"
            />
            <BarChart
              title={t('dashboard.byRegion')}
              bars={bars(requestTotals(d.requests, 'region'), region)}
              color="#0f7b6c"
            />
            <BarChart
              title={t('dashboard.byObjective')}
              bars={bars(requestTotals(d.requests, 'objective'), (o) => objectiveTitle(o))}
              limit={23}
              color="#6b4c9a"
            />
          </SimpleGrid>
        )}
      </Section>
      <Section title={t('dashboard.durations')}>
        <Text size="sm" c="dimmed" mb="xs">
          {t('dashboard.durationsLead')}
        </Text>
        {d.durations.length === 0 ? (
          <Empty>{t('dashboard.noDurations')}</Empty>
        ) : (
          <Scroll label={t('dashboard.durations')}>
            <Table striped aria-label={t('dashboard.durations')} miw={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.quarterFiled')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.region')}</Table.Th>
                  {STEPS.map((s) => (
                    <Table.Th key={s} scope="col">
                      {t(`dashboard.step.${s}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {durationLines(d.durations).map((l) => (
                  <Table.Tr key={`${l.quarter}|${l.region ?? ''}`}>
                    <Table.Td>{quarter(l.quarter)}</Table.Td>
                    <Table.Td fw={l.region === null ? 600 : undefined}>
                      {l.region === null ? t('dashboard.allRegions') : region(l.region)}
                    </Table.Td>
                    {STEPS.map((s) => {
                      const cell = l[s];
                      return (
                        <Table.Td key={s}>
                          {cell
                            ? t('dashboard.medianCell', {
                                days: days(cell.median),
                                count: cell.count,
                              })
                            : '—'}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Scroll>
        )}
      </Section>
      <Section title={t('dashboard.serviceLevels')}>
        <Text size="sm" c="dimmed" mb="xs">
          {t('dashboard.serviceLevelsLead', {
            triage: d.targets.triageDays,
            info: d.targets.infoDays,
            assessment: d.targets.assessmentDays,
          })}
        </Text>
        {d.serviceLevels.length === 0 ? (
          <Empty>{t('dashboard.noServiceLevels')}</Empty>
        ) : (
          <Scroll label={t('dashboard.serviceLevels')}>
            <Table striped aria-label={t('dashboard.serviceLevels')} miw={520}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.quarterEnded')}</Table.Th>
                  {LEVEL_STEPS.map((s) => (
                    <Table.Th key={s} scope="col">
                      {t(`dashboard.clock.${s}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {serviceLevelLines(d.serviceLevels).map((l) => (
                  <Table.Tr key={l.quarter}>
                    <Table.Td>{quarter(l.quarter)}</Table.Td>
                    {LEVEL_STEPS.map((s) => {
                      const cell = l.steps[s];
                      return (
                        <Table.Td key={s}>
                          {cell
                            ? t('dashboard.complianceCell', {
                                share: formatPercent(cell.share, lang),
                                within: cell.withinLevel,
                                count: cell.done,
                              })
                            : '—'}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Scroll>
        )}
      </Section>
      <Section title={t('dashboard.partners')}>
        <Text size="sm" c="dimmed" mb="xs">
          {t('dashboard.partnersLead')}
        </Text>
        {d.partners.length === 0 ? (
          <Empty>{t('dashboard.noPartners')}</Empty>
        ) : (
          <Scroll label={t('dashboard.partners')}>
            <Table striped aria-label={t('dashboard.partners')} miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.reportsOnTime')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.milestonesDone')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.spentOfTransferred')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.partners.map((p) => (
                  <Table.Tr key={p.organisationId}>
                    <Table.Th scope="row" fw={400}>
                      {p.name ?? p.acronym ?? '—'}
                      {p.acronym && p.name ? ` (${p.acronym})` : ''}
                    </Table.Th>
                    <Table.Td>
                      {t('dashboard.rateCell', {
                        rate: formatPercent(p.reportRate, lang),
                        part: p.reportsOnTime,
                        count: p.reportsDue,
                      })}
                    </Table.Td>
                    <Table.Td>
                      {t('dashboard.rateCell', {
                        rate: formatPercent(p.milestoneRate, lang),
                        part: p.milestonesDone,
                        count: p.milestonesDue,
                      })}
                    </Table.Td>
                    <Table.Td>
                      {t('dashboard.moneyCell', {
                        rate: formatPercent(p.expenditureRate, lang),
                        spent: formatMoney({ amount: p.spent, currency: 'USD' }, lang),
                        transferred: formatMoney({ amount: p.transferred, currency: 'USD' }, lang),
                      })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Scroll>
        )}
      </Section>
      <Card withBorder padding="sm">
        <Text size="sm">{t('dashboard.aggregatesOnly')}</Text>
      </Card>
    </Stack>
  );
}
