import '../../ui/styles-workspace';
import {
  Accordion,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import * as api from '../../api/endpoints';
import { SUPPORT_TYPES, type SupportRequest } from '../../api/model';
import { useI18n } from '../../i18n/i18n';
import { minorToDecimal } from '../../ui/format';
import { ErrorState, Loading, usePageTitle } from '../../ui/states';
import {
  EMPTY_FORM,
  toDraftInput,
  validateRequestForm,
  type FormErrors,
  type RequestFormValues,
} from './request-form-validation';

function fromRequest(r: SupportRequest): RequestFormValues {
  return {
    title: r.title ?? '',
    summary: r.summary ?? '',
    expectedResults: r.expectedResults ?? '',
    objectives: (r.objectives ?? []).map(String),
    actions: r.actions ?? [],
    principles: r.principles ?? [],
    supportTypes: r.supportTypes ?? [],
    budget: r.estimatedBudget ? minorToDecimal(r.estimatedBudget.amount, r.estimatedBudget.currency) : '',
    currency: r.estimatedBudget?.currency ?? 'USD',
    startDate: r.startDate?.slice(0, 10) ?? '',
    endDate: r.endDate?.slice(0, 10) ?? '',
  };
}

export default function RequestFormPage() {
  const { id } = useParams();
  const existing = useQuery({ queryKey: ['request', id], queryFn: () => api.request(id!), enabled: !!id });
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  return <RequestForm existing={existing.data} />;
}

function RequestForm({ existing }: { existing?: SupportRequest }) {
  const { t } = useI18n();
  usePageTitle(existing ? t('form.editTitle') : t('form.newTitle'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [values, setValues] = useState<RequestFormValues>(existing ? fromRequest(existing) : EMPTY_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const objectives = useQuery({ queryKey: ['objectives'], queryFn: api.objectives, staleTime: Infinity });
  const principles = useQuery({ queryKey: ['principles'], queryFn: api.principles, staleTime: Infinity });
  const currencies = useQuery({ queryKey: ['currencies'], queryFn: api.currencies, staleTime: Infinity });

  const set = <K extends keyof RequestFormValues>(key: K, value: RequestFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const input = toDraftInput(values);
      const saved = existing
        ? await api.updateRequest(existing.id, existing.version, input)
        : await api.createRequest(input);
      return submit ? api.requestAction(saved.id, saved.version, 'submit') : saved;
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['requests'] });
      qc.setQueryData(['request', r.id], r);
      navigate(`/app/requests/${r.id}`, { state: { saved: true } });
    },
  });

  useEffect(() => {
    if (Object.keys(errors).length) summaryRef.current?.focus();
  }, [errors]);

  const onSubmit = (submit: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    const found = validateRequestForm(values, submit);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(submit);
  };
  const err = (k: keyof RequestFormValues) => (errors[k] ? t(errors[k]!) : undefined);
  const selectedObjectives = (objectives.data ?? []).filter((o) => values.objectives.includes(String(o.number)));

  return (
    <Stack gap="lg" maw={860}>
      <Title order={1}>{existing ? t('form.editTitle') : t('form.newTitle')}</Title>
      <Text c="dimmed">{t('form.lead')}</Text>
      {Object.keys(errors).length > 0 && (
        <Alert color="red" title={t('form.fixErrors')} role="alert" ref={summaryRef} tabIndex={-1}>
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>
                {t(`form.field.${k}`)}: {t(v!)}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {save.isError && <ErrorState error={save.error} />}
      <form onSubmit={onSubmit(false)} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('form.step1')}>
            <Stack>
              <TextInput
                label={t('form.field.title')}
                required
                value={values.title}
                onChange={(e) => set('title', e.currentTarget.value)}
                error={err('title')}
                maxLength={200}
              />
              <Textarea
                label={t('form.field.summary')}
                description={t('form.help.summary')}
                required
                autosize
                minRows={4}
                value={values.summary}
                onChange={(e) => set('summary', e.currentTarget.value)}
                error={err('summary')}
              />
              <Textarea
                label={t('form.field.expectedResults')}
                required
                autosize
                minRows={3}
                value={values.expectedResults}
                onChange={(e) => set('expectedResults', e.currentTarget.value)}
                error={err('expectedResults')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('form.step2')}>
            {objectives.isPending ? (
              <Loading />
            ) : objectives.isError ? (
              <ErrorState error={objectives.error} onRetry={() => void objectives.refetch()} />
            ) : (
              <Stack>
                <Checkbox.Group
                  label={t('form.field.objectives')}
                  description={t('form.help.objectives')}
                  value={values.objectives}
                  onChange={(v) => set('objectives', v)}
                  error={err('objectives')}
                  withAsterisk
                >
                  <Stack gap={6} mt="xs" mah={320} style={{ overflowY: 'auto' }} p={4}>
                    {objectives.data.map((o) => (
                      <Checkbox key={o.number} value={String(o.number)} label={`${o.number}. ${o.title}`} />
                    ))}
                  </Stack>
                </Checkbox.Group>
                {selectedObjectives.length > 0 && (
                  <div>
                    <Text fw={500} size="sm">
                      {t('form.field.actions')}
                    </Text>
                    <Text size="xs" c="dimmed" mb="xs">
                      {t('form.help.actions')}
                    </Text>
                    <Accordion variant="contained" multiple>
                      {selectedObjectives.map((o) => (
                        <Accordion.Item key={o.number} value={String(o.number)}>
                          <Accordion.Control>{`${o.number}. ${o.title}`}</Accordion.Control>
                          <Accordion.Panel>
                            <Checkbox.Group
                              aria-label={t('form.actionsFor', { number: o.number })}
                              value={values.actions}
                              onChange={(v) => set('actions', v)}
                            >
                              <Stack gap={6}>
                                {o.actions.map((a) => (
                                  <Checkbox
                                    key={a.code}
                                    value={actionCode(o.number, a.code)}
                                    label={`(${a.letter ?? a.code.split('.').pop()}) ${a.text}`}
                                  />
                                ))}
                              </Stack>
                            </Checkbox.Group>
                          </Accordion.Panel>
                        </Accordion.Item>
                      ))}
                    </Accordion>
                  </div>
                )}
                <Checkbox.Group
                  label={t('form.field.principles')}
                  value={values.principles}
                  onChange={(v) => set('principles', v)}
                >
                  <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
                    {(principles.data ?? []).map((p) => (
                      <Checkbox key={p.code} value={p.code} label={p.name} />
                    ))}
                  </SimpleGrid>
                </Checkbox.Group>
              </Stack>
            )}
          </Fieldset>

          <Fieldset legend={t('form.step3')}>
            <Stack>
              <Checkbox.Group
                label={t('form.field.supportTypes')}
                value={values.supportTypes}
                onChange={(v) => set('supportTypes', v)}
                error={err('supportTypes')}
                withAsterisk
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
                  {SUPPORT_TYPES.map((s) => (
                    <Checkbox key={s} value={s} label={t(`supportType.${s}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Group align="flex-start" grow>
                <TextInput
                  label={t('form.field.budget')}
                  description={t('form.help.budget')}
                  inputMode="decimal"
                  value={values.budget}
                  onChange={(e) => set('budget', e.currentTarget.value)}
                  error={err('budget')}
                />
                <NativeSelect
                  label={t('form.field.currency')}
                  value={values.currency}
                  onChange={(e) => set('currency', e.currentTarget.value)}
                  data={currencyOptions(
                    currencies.data?.map((c) => c.code),
                    values.currency,
                  )}
                />
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  type="date"
                  label={t('form.field.startDate')}
                  value={values.startDate}
                  onChange={(e) => set('startDate', e.currentTarget.value)}
                  error={err('startDate')}
                />
                <TextInput
                  type="date"
                  label={t('form.field.endDate')}
                  value={values.endDate}
                  onChange={(e) => set('endDate', e.currentTarget.value)}
                  error={err('endDate')}
                />
              </Group>
            </Stack>
          </Fieldset>

          <Group>
            <Button type="submit" variant="default" loading={save.isPending && save.variables === false}>
              {t('form.saveDraft')}
            </Button>
            <Button type="button" onClick={() => onSubmit(true)()} loading={save.isPending && save.variables === true}>
              {t('form.saveAndSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The API serves "1.c"; older data may carry only the letter. */
const actionCode = (objective: number, code: string) => (code.includes('.') ? code : `${objective}.${code}`);

function currencyOptions(codes: string[] | undefined, current: string): string[] {
  const list = codes && codes.length ? codes : ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'KES', 'XOF', 'MXN'];
  return list.includes(current) ? list : [current, ...list];
}
