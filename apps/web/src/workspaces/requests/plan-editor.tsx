import { ActionIcon, Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import * as api from '../../api/endpoints';
import type { ImplementationPlan, SupportRequest } from '../../api/model';
import { useI18n } from '../../i18n/i18n';
import { codeLabel, decimalToMinor, formatMoney, minorToDecimal } from '../../ui/format';
import { useOrganisationName } from '../../ui/organisations';
import { ErrorState, Loading } from '../../ui/states';

const FUNDING_SOURCES = [
  'start_up_fund',
  'national_budget',
  'bilateral_donor',
  'ifi',
  'private_sector',
  'other',
] as const;
const FUNDING_STATUSES = ['planned', 'requested', 'confirmed'] as const;
type StakeholderType = NonNullable<api.ImplementationPlanInput['stakeholders']>[number]['type'];
const CODE = /^[A-Za-z0-9_.-]{1,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface MilestoneRow {
  code: string;
  title: string;
  dueDate: string;
  organisationId?: string | null;
}
interface FundingRow {
  source: string;
  amount: string;
  status: string;
  note?: string;
}

/** While matching or in set-up the hub officer drafts and revises the plan; prefilled from the current version. */
export function PlanEditor({ request, plan }: { request: SupportRequest; plan: ImplementationPlan | null }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const organisationName = useOrganisationName();
  const partners = useQuery({
    queryKey: ['request-partners', request.id],
    queryFn: () => api.requestPartners(request.id),
  });
  const currency = plan?.currency ?? request.estimatedBudget?.currency ?? 'USD';
  const [milestones, setMilestones] = useState<MilestoneRow[]>(
    () =>
      plan?.milestones.map((m) => ({
        code: m.code,
        title: m.title,
        dueDate: m.dueDate,
        organisationId: m.organisationId,
      })) ?? [],
  );
  const [funding, setFunding] = useState<FundingRow[]>(
    () => plan?.funding.map((f) => ({ ...f, amount: minorToDecimal(f.amount, currency) })) ?? [],
  );
  const [budget, setBudget] = useState<Record<string, string>>(() =>
    Object.fromEntries((plan?.budget ?? []).map((b) => [b.organisationId, minorToDecimal(b.amount, currency)])),
  );
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: api.ImplementationPlanInput) => api.saveImplementationPlan(request.id, body),
    onSuccess: (next) => {
      setSaved(true);
      setTried(false);
      qc.setQueryData(['plan', request.id], next);
      void qc.invalidateQueries({ queryKey: ['timeline', request.id] });
    },
  });
  if (partners.isPending) return <Loading />;
  if (partners.isError) return <ErrorState error={partners.error} onRetry={() => void partners.refetch()} />;
  const active = partners.data.filter((p) => p.status === 'pending' || p.status === 'accepted');
  const organisations =
    plan?.organisations ??
    active.map((p) => ({
      organisationId: p.organisationId,
      role: p.role,
      responsibilities: undefined as string | undefined,
    }));
  const nameOf = (id: string) =>
    partners.data.find((p) => p.organisationId === id)?.organisationAcronym ?? organisationName(id, true);
  const budgetOrgs = [...new Set([...organisations.map((o) => o.organisationId), ...Object.keys(budget)])];

  const milestoneError = (m: MilestoneRow, i: number) =>
    !CODE.test(m.code)
      ? 'planEdit.error.code'
      : milestones.findIndex((x) => x.code === m.code) !== i
        ? 'planEdit.error.duplicate'
        : !m.title.trim()
          ? 'planEdit.error.title'
          : !DATE.test(m.dueDate)
            ? 'planEdit.error.date'
            : null;
  const amountError = (a: string) => (decimalToMinor(a, currency) === null ? 'planEdit.error.amount' : null);
  const invalid =
    milestones.some((m, i) => milestoneError(m, i)) ||
    funding.some((f) => amountError(f.amount)) ||
    budgetOrgs.some((id) => budget[id] !== undefined && budget[id] !== '' && amountError(budget[id]));
  const budgetTotal = budgetOrgs
    .reduce((s, id) => s + BigInt(decimalToMinor(budget[id] ?? '', currency) ?? '0'), 0n)
    .toString();

  const submit = () => {
    setTried(true);
    setSaved(false);
    if (invalid) return;
    save.mutate({
      version: plan?.version,
      currency,
      organisations: organisations.map((o) => ({
        organisationId: o.organisationId,
        role: o.role as 'lead' | 'participating',
        ...(o.responsibilities ? { responsibilities: o.responsibilities } : {}),
      })),
      stakeholders: (plan?.stakeholders ?? []).map((s) => ({
        type: (s.type ?? 'other') as StakeholderType,
        name: s.name,
        ...(s.role ? { role: s.role } : {}),
      })),
      milestones: milestones.map((m) => ({
        code: m.code.trim(),
        title: m.title.trim(),
        dueDate: m.dueDate,
        ...(m.organisationId ? { organisationId: m.organisationId } : {}),
      })),
      budget: budgetOrgs
        .filter((id) => (budget[id] ?? '').trim())
        .map((id) => ({ organisationId: id, amount: decimalToMinor(budget[id], currency)! })),
      funding: funding.map((f) => ({
        source: f.source as (typeof FUNDING_SOURCES)[number],
        amount: decimalToMinor(f.amount, currency)!,
        status: f.status as (typeof FUNDING_STATUSES)[number],
        ...(f.note ? { note: f.note } : {}),
      })),
      reportDueDates: plan?.reportDueDates ?? [],
    });
  };
  const setM = (i: number, patch: Partial<MilestoneRow>) =>
    setMilestones((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const setF = (i: number, patch: Partial<FundingRow>) =>
    setFunding((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const err = (key: string | null) => (tried && key ? t(key) : undefined);

  return (
    <form
      aria-label={t('planEdit.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('planEdit.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {plan ? t('planEdit.editing', { version: plan.version }) : t('planEdit.drafting')} ·{' '}
          {t('planEdit.currency', { currency })}
        </Text>

        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text fw={600}>{t('plan.milestones')}</Text>
          </legend>
          <Stack gap="xs">
            {milestones.map((m, i) => (
              <Group key={i} align="flex-start" gap="xs" wrap="wrap">
                <TextInput
                  w={110}
                  label={t('planEdit.code', { n: i + 1 })}
                  value={m.code}
                  onChange={(e) => setM(i, { code: e.currentTarget.value })}
                  error={err(
                    milestoneError(m, i) === 'planEdit.error.code' ||
                      milestoneError(m, i) === 'planEdit.error.duplicate'
                      ? milestoneError(m, i)
                      : null,
                  )}
                />
                <TextInput
                  style={{ flex: 1, minWidth: 200 }}
                  label={t('planEdit.milestoneTitle', { n: i + 1 })}
                  value={m.title}
                  onChange={(e) => setM(i, { title: e.currentTarget.value })}
                  error={err(milestoneError(m, i) === 'planEdit.error.title' ? 'planEdit.error.title' : null)}
                />
                <TextInput
                  type="date"
                  w={170}
                  label={t('planEdit.dueDate', { n: i + 1 })}
                  value={m.dueDate}
                  onChange={(e) => setM(i, { dueDate: e.currentTarget.value })}
                  error={err(milestoneError(m, i) === 'planEdit.error.date' ? 'planEdit.error.date' : null)}
                />
                <ActionIcon
                  mt={26}
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('planEdit.removeMilestone', { n: i + 1 })}
                  onClick={() => setMilestones((ms) => ms.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              w="fit-content"
              disabled={milestones.length >= 100}
              onClick={() => setMilestones((ms) => [...ms, { code: `M${ms.length + 1}`, title: '', dueDate: '' }])}
            >
              {t('planEdit.addMilestone')}
            </Button>
          </Stack>
        </fieldset>

        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text fw={600}>{t('plan.funding')}</Text>
          </legend>
          <Stack gap="xs">
            {funding.map((f, i) => (
              <Group key={i} align="flex-start" gap="xs" wrap="wrap">
                <NativeSelect
                  label={t('planEdit.source', { n: i + 1 })}
                  value={f.source}
                  onChange={(e) => setF(i, { source: e.currentTarget.value })}
                  data={FUNDING_SOURCES.map((s) => ({ value: s, label: codeLabel(t, 'fundingSource', s) }))}
                />
                <TextInput
                  w={150}
                  inputMode="decimal"
                  label={t('planEdit.fundingAmount', { n: i + 1, currency })}
                  value={f.amount}
                  onChange={(e) => setF(i, { amount: e.currentTarget.value })}
                  error={err(amountError(f.amount))}
                />
                <NativeSelect
                  label={t('planEdit.fundingStatus', { n: i + 1 })}
                  value={f.status}
                  onChange={(e) => setF(i, { status: e.currentTarget.value })}
                  data={FUNDING_STATUSES.map((s) => ({ value: s, label: codeLabel(t, 'fundingStatus', s) }))}
                />
                <ActionIcon
                  mt={26}
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('planEdit.removeFunding', { n: i + 1 })}
                  onClick={() => setFunding((fs) => fs.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              w="fit-content"
              disabled={funding.length >= 30}
              onClick={() => setFunding((fs) => [...fs, { source: 'national_budget', amount: '', status: 'planned' }])}
            >
              {t('planEdit.addFunding')}
            </Button>
          </Stack>
        </fieldset>

        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text fw={600}>{t('planEdit.budgetByOrganisation')}</Text>
          </legend>
          {budgetOrgs.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('planEdit.noOrganisations')}
            </Text>
          ) : (
            <Stack gap="xs">
              {budgetOrgs.map((id) => (
                <TextInput
                  key={id}
                  w={220}
                  inputMode="decimal"
                  label={t('planEdit.budgetFor', { organisation: nameOf(id), currency })}
                  value={budget[id] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setBudget((b) => ({ ...b, [id]: value }));
                  }}
                  error={err(budget[id] ? amountError(budget[id]) : null)}
                />
              ))}
              <Text size="sm">
                {t('planEdit.budgetTotal', { total: formatMoney({ amount: budgetTotal, currency }, lang) })}
              </Text>
            </Stack>
          )}
        </fieldset>

        {tried && invalid && (
          <Text size="sm" c="red.8" role="alert">
            {t('planEdit.error.fix')}
          </Text>
        )}
        {save.isError && <ErrorState error={save.error} />}
        {saved && !save.isPending && (
          <Alert color="green" role="status">
            {t('planEdit.saved')}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('planEdit.save')}
        </Button>
      </Stack>
    </form>
  );
}
