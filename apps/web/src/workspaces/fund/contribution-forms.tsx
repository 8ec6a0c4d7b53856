import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { FormFooter } from '../../ui/form-footer';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { idempotencyKey } from '../../api/client';
import * as api from '../../api/endpoints';
import * as money from '../../api/money';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../ui/format';
import {
  parseAmount,
  toDeposit,
  toPledge,
  today,
  usdRate,
  validateDeposit,
  validatePledge,
  type DepositValues,
  type PledgeValues,
} from './money-form';

const CONTRIBUTOR_TYPES = new Set(['member_state', 'foundation', 'private_sector', 'ifi', 'other']);

/** The fund manager records a pledge: contributor, agreement reference, date, amount, earmark. */
export function PledgeButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button w="fit-content" onClick={() => setOpen(true)}>
        {t('money.pledge.record')}
      </Button>
      <Modal
        closeButtonProps={{ 'aria-label': t('money.close') }}
        opened={open}
        onClose={() => setOpen(false)}
        title={t('money.pledge.record')}
        centered
        size="lg"
      >
        {open && <PledgeForm onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function PledgeForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const orgs = useQuery({ queryKey: ['organisations', 'all'], queryFn: () => api.organisations() });
  const currencies = useQuery({ queryKey: ['currencies'], queryFn: api.currencies, staleTime: Infinity });
  const [v, setV] = useState<PledgeValues>({
    contributorId: '',
    reference: '',
    pledgedAt: today(),
    amount: '',
    currency: 'USD',
    earmarkObjectives: '',
  });
  const [tried, setTried] = useState(false);
  const errors = validatePledge(v);
  const shown = tried ? errors : {};
  const err = (k: string) => (shown[k] ? t(shown[k]) : undefined);
  const save = useMutation({
    mutationFn: () => money.pledge(toPledge(v)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['contributions'] });
      void qc.invalidateQueries({ queryKey: ['fund-summary'] });
      onDone();
    },
  });
  const set = (k: keyof PledgeValues) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((x) => ({ ...x, [k]: value }));
  };
  const contributors = (orgs.data ?? []).filter((o) => CONTRIBUTOR_TYPES.has(o.type));
  const currencyList = Array.isArray(currencies.data) ? currencies.data : [];
  return (
    <form
      noValidate
      aria-label={t('money.pledge.record')}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(errors).length === 0) save.mutate();
      }}
    >
      <Stack>
        <NativeSelect
          label={t('money.pledge.contributor')}
          required
          value={v.contributorId}
          onChange={set('contributorId')}
          error={err('contributorId')}
          data={[
            { value: '', label: t('money.choose') },
            ...contributors.map((o) => ({ value: o.id, label: `${o.name} (${o.acronym})` })),
          ]}
          data-autofocus
        />
        <TextInput label={t('money.pledge.reference')} value={v.reference} onChange={set('reference')} />
        <TextInput
          label={t('money.pledge.date')}
          type="date"
          required
          value={v.pledgedAt}
          onChange={set('pledgedAt')}
          error={err('pledgedAt')}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('money.amountIn', { currency: v.currency })}
            required
            inputMode="decimal"
            value={v.amount}
            onChange={set('amount')}
            error={err('amount')}
          />
          <NativeSelect
            label={t('money.currency')}
            value={v.currency}
            onChange={set('currency')}
            error={err('currency')}
            data={
              currencyList.length
                ? currencyList.map((c) => ({ value: c.code, label: c.code }))
                : ['USD', 'EUR', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'JPY', 'CAD', 'AUD']
            }
          />
        </Group>
        <TextInput
          label={t('money.pledge.earmark')}
          description={t('money.pledge.earmarkHint')}
          value={v.earmarkObjectives}
          onChange={set('earmarkObjectives')}
          error={err('earmarkObjectives')}
        />
        <FormFooter
          error={save.isError ? save.error : null}
          pending={save.isPending}
          onCancel={onDone}
          submitLabel={t('money.pledge.submit')}
        />
      </Stack>
    </form>
  );
}

/** The fund manager records money received on a pledge, with its USD value: the rate used is shown before and after. */
export function DepositButton({ contribution, label }: { contribution: money.Contribution; label: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        // stays mounted when the deposit completes the pledge, so that its dialog can show the rate used
        disabled={BigInt(contribution.outstanding.amount) <= 0n && !open}
        onClick={() => setOpen(true)}
        aria-label={t('money.deposit.for', { reference: label })}
      >
        {t('money.deposit.record')}
      </Button>
      <Modal
        closeButtonProps={{ 'aria-label': t('money.close') }}
        opened={open}
        onClose={() => setOpen(false)}
        title={t('money.deposit.for', { reference: label })}
        centered
      >
        {open && <DepositForm contribution={contribution} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function DepositForm({ contribution, onDone }: { contribution: money.Contribution; onDone: () => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const currency = contribution.amount.currency;
  const [key] = useState(idempotencyKey);
  const [v, setV] = useState<DepositValues>({ receivedAt: today(), amount: '', usdAmount: '', reference: '' });
  const [tried, setTried] = useState(false);
  const errors = validateDeposit(v, currency);
  const shown = tried ? errors : {};
  const err = (k: string) => (shown[k] ? t(shown[k]) : undefined);
  const save = useMutation({
    mutationFn: () => money.deposit(contribution.id, toDeposit(v, currency), key),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['contributions'] });
      void qc.invalidateQueries({ queryKey: ['fund-summary'] });
      void qc.invalidateQueries({ queryKey: ['reconciliation'] });
    },
  });
  const set = (k: keyof DepositValues) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((x) => ({ ...x, [k]: value }));
  };
  const minorOf = (s: string, c: string) => {
    const p = parseAmount(s, c);
    return 'minor' in p ? p.minor : null;
  };
  const rate = currency === 'USD' ? null : usdRate(minorOf(v.amount, currency), currency, minorOf(v.usdAmount, 'USD'));
  if (save.isSuccess) {
    const d = save.data;
    return (
      <Stack>
        <Alert color="green" role="status" title={t('money.deposit.recorded')}>
          <Text size="sm">
            {t('money.deposit.summary', {
              amount: formatMoney(d.amount, lang),
              usd: formatMoney(d.usdAmount, lang),
              rate: d.rate ?? '1',
              fee: formatMoney(d.adminFee, lang),
            })}
          </Text>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone}>{t('money.done')}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      noValidate
      aria-label={t('money.deposit.record')}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(errors).length === 0) save.mutate();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('money.deposit.outstanding', {
            pledged: formatMoney(contribution.pledged, lang),
            outstanding: formatMoney(contribution.outstanding, lang),
          })}
        </Text>
        <TextInput
          label={t('money.deposit.date')}
          type="date"
          required
          value={v.receivedAt}
          onChange={set('receivedAt')}
          error={err('receivedAt')}
        />
        <TextInput
          label={t('money.amountIn', { currency })}
          required
          inputMode="decimal"
          value={v.amount}
          onChange={set('amount')}
          error={err('amount')}
          data-autofocus
        />
        {currency !== 'USD' && (
          <TextInput
            label={t('money.deposit.usd')}
            description={t('money.deposit.usdHint')}
            required
            inputMode="decimal"
            value={v.usdAmount}
            onChange={set('usdAmount')}
            error={err('usdAmount')}
          />
        )}
        {currency !== 'USD' && (
          <Text size="sm" role="status">
            {rate ? t('money.deposit.rate', { rate, currency }) : t('money.deposit.rateUnknown')}
          </Text>
        )}
        <TextInput label={t('money.deposit.reference')} value={v.reference} onChange={set('reference')} />
        <FormFooter
          error={save.isError ? save.error : null}
          pending={save.isPending}
          onCancel={onDone}
          submitLabel={t('money.deposit.submit')}
        />
      </Stack>
    </form>
  );
}
