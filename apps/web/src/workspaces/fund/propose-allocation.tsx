import { ActionIcon, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import * as api from '../../api/endpoints';
import type { Application } from '../../api/model';
import { useI18n } from '../../i18n/i18n';
import { codeLabel, formatMoney, minorToDecimal } from '../../ui/format';
import { ErrorState } from '../../ui/states';
import {
  TRANCHE_CONDITIONS,
  toProposal,
  trancheSum,
  validateAllocation,
  type AllocationFormValues,
} from './allocation-form';

/** A fund manager proposes an allocation on an application: amount, tranches (sum checked), duration. */
export function ProposeAllocationForm({ application, onDone }: { application: Application; onDone: () => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const currency = application.amount.currency;
  const [values, setValues] = useState<AllocationFormValues>(() => ({
    amount: minorToDecimal(application.amount.amount, currency),
    currency,
    tranches: [{ amount: minorToDecimal(application.amount.amount, currency), condition: 'on_approval' }],
    durationMonths: '',
  }));
  const [tried, setTried] = useState(false);
  const errors = validateAllocation(values);
  const shown = tried ? errors : {};
  const propose = useMutation({
    mutationFn: () => api.proposeAllocation(toProposal(application.id, values)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['allocations'] });
      void qc.invalidateQueries({ queryKey: ['applications'] });
      onDone();
    },
  });
  const setTranche = (i: number, patch: Partial<AllocationFormValues['tranches'][number]>) =>
    setValues((v) => ({ ...v, tranches: v.tranches.map((tr, j) => (j === i ? { ...tr, ...patch } : tr)) }));
  return (
    <form
      aria-label={t('propose.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(errors).length === 0) propose.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('propose.amount', { currency })}
          required
          inputMode="decimal"
          value={values.amount}
          onChange={(e) => {
            const amount = e.currentTarget.value;
            setValues((v) => ({ ...v, amount }));
          }}
          error={shown.amount ? t(shown.amount) : undefined}
          data-autofocus
        />
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text fw={600} size="sm">
              {t('fund.tranches')}
            </Text>
          </legend>
          <Stack gap="xs">
            {values.tranches.map((tr, i) => (
              <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
                <TextInput
                  label={t('propose.trancheAmount', { seq: i + 1 })}
                  inputMode="decimal"
                  value={tr.amount}
                  onChange={(e) => setTranche(i, { amount: e.currentTarget.value })}
                  error={shown[`tranche.${i}`] ? t(shown[`tranche.${i}`]) : undefined}
                />
                <NativeSelect
                  label={t('propose.condition', { seq: i + 1 })}
                  value={tr.condition}
                  onChange={(e) => setTranche(i, { condition: e.currentTarget.value })}
                  data={TRANCHE_CONDITIONS.map((c) => ({ value: c, label: codeLabel(t, 'trancheCondition', c) }))}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('propose.removeTranche', { seq: i + 1 })}
                  disabled={values.tranches.length === 1}
                  onClick={() => setValues((v) => ({ ...v, tranches: v.tranches.filter((_, j) => j !== i) }))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              w="fit-content"
              disabled={values.tranches.length >= 12}
              onClick={() =>
                setValues((v) => ({
                  ...v,
                  tranches: [...v.tranches, { amount: '', condition: 'progress_report_approved' }],
                }))
              }
            >
              {t('propose.addTranche')}
            </Button>
            <Text size="sm" c={errors.tranches === 'propose.error.sum' ? 'red.8' : 'dimmed'} role="status">
              {t('propose.sum', { sum: formatMoney({ amount: trancheSum(values), currency }, lang) })}
            </Text>
            {shown.tranches && (
              <Text size="sm" c="red.8" role="alert">
                {t(shown.tranches)}
              </Text>
            )}
          </Stack>
        </fieldset>
        <TextInput
          label={t('propose.duration')}
          description={t('propose.durationHint')}
          inputMode="numeric"
          value={values.durationMonths}
          onChange={(e) => {
            const durationMonths = e.currentTarget.value;
            setValues((v) => ({ ...v, durationMonths }));
          }}
          error={shown.durationMonths ? t(shown.durationMonths) : undefined}
        />
        {propose.isError && <ErrorState error={propose.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" loading={propose.isPending}>
            {t('propose.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
