import { toProposal, trancheSum, validateAllocation } from './allocation-form';

const base = {
  amount: '100000',
  currency: 'USD',
  tranches: [
    { amount: '60000', condition: 'on_approval' },
    { amount: '40000', condition: 'progress_report_approved' },
  ],
  durationMonths: '',
};

describe('allocation proposal form', () => {
  it('accepts tranches that add up to the amount and builds the DTO in minor units', () => {
    expect(validateAllocation(base)).toEqual({});
    expect(trancheSum(base)).toBe('10000000');
    expect(toProposal('app-1', { ...base, durationMonths: '12' })).toEqual({
      applicationId: 'app-1',
      amount: { amount: '10000000', currency: 'USD' },
      tranches: [
        { amount: { amount: '6000000', currency: 'USD' }, condition: 'on_approval' },
        { amount: { amount: '4000000', currency: 'USD' }, condition: 'progress_report_approved' },
      ],
      durationMonths: 12,
    });
  });

  it('refuses a sum that differs, an empty tranche list, a bad tranche and a bad duration', () => {
    expect(validateAllocation({ ...base, amount: '100001' })).toEqual({ tranches: 'propose.error.sum' });
    expect(validateAllocation({ ...base, tranches: [] })).toEqual({ tranches: 'propose.error.noTranche' });
    expect(validateAllocation({ ...base, tranches: [{ amount: 'x', condition: 'on_approval' }] })).toEqual({
      'tranche.0': 'propose.error.tranche',
    });
    expect(validateAllocation({ ...base, durationMonths: '200' })).toEqual({
      durationMonths: 'propose.error.duration',
    });
    expect(validateAllocation({ ...base, amount: '' }).amount).toBe('propose.error.amount');
  });
});
