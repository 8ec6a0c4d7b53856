import { decimalToMinor } from '../../ui/format';

export interface TrancheRow {
  amount: string;
  condition: string;
}

export interface AllocationFormValues {
  amount: string;
  currency: string;
  tranches: TrancheRow[];
  durationMonths: string;
}

export const TRANCHE_CONDITIONS = ['on_approval', 'progress_report_approved', 'final_report_approved'] as const;

/** i18n keys of what is wrong, by field (`amount`, `tranches`, `tranche.<i>`, `durationMonths`). */
export function validateAllocation(v: AllocationFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const total = decimalToMinor(v.amount, v.currency);
  if (!total || BigInt(total) <= 0n) errors.amount = 'propose.error.amount';
  if (v.tranches.length === 0) errors.tranches = 'propose.error.noTranche';
  let sum = 0n;
  v.tranches.forEach((tr, i) => {
    const m = decimalToMinor(tr.amount, v.currency);
    if (!m || BigInt(m) <= 0n || !/^[a-z][a-z0-9_]{1,63}$/.test(tr.condition))
      errors[`tranche.${i}`] = 'propose.error.tranche';
    else sum += BigInt(m);
  });
  if (
    total &&
    !errors.amount &&
    v.tranches.length &&
    !Object.keys(errors).some((k) => k.startsWith('tranche.')) &&
    sum !== BigInt(total)
  )
    errors.tranches = 'propose.error.sum';
  if (
    v.durationMonths.trim() &&
    !(/^\d+$/.test(v.durationMonths.trim()) && +v.durationMonths >= 1 && +v.durationMonths <= 120)
  )
    errors.durationMonths = 'propose.error.duration';
  return errors;
}

/** The tranches' total in minor units (for the "sum" line under the list). */
export function trancheSum(v: AllocationFormValues): string {
  return v.tranches.reduce((s, tr) => s + BigInt(decimalToMinor(tr.amount, v.currency) ?? '0'), 0n).toString();
}

export function toProposal(applicationId: string, v: AllocationFormValues) {
  const money = (a: string) => ({ amount: decimalToMinor(a, v.currency) ?? '0', currency: v.currency });
  return {
    applicationId,
    amount: money(v.amount),
    tranches: v.tranches.map((tr) => ({ amount: money(tr.amount), condition: tr.condition })),
    ...(v.durationMonths.trim() ? { durationMonths: Number(v.durationMonths) } : {}),
  };
}
