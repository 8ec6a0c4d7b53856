import {
  isIsoDate,
  parseAmount,
  parseObjectives,
  toDeposit,
  toPledge,
  usdRate,
  validateCapped,
  validateDeposit,
  validatePledge,
} from './money-form';

describe('money forms (currency units in, minor units out)', () => {
  it('parses amounts typed in currency units, refusing what is not one', () => {
    expect(parseAmount('1,250.50', 'USD')).toEqual({ minor: '125050' });
    expect(parseAmount('1500', 'JPY')).toEqual({ minor: '1500' });
    expect(parseAmount('', 'USD')).toEqual({ error: 'money.error.required' });
    expect(parseAmount('12.345', 'USD')).toEqual({ error: 'money.error.amount' });
    expect(parseAmount('-5', 'USD')).toEqual({ error: 'money.error.amount' });
    expect(parseAmount('0', 'USD')).toEqual({ error: 'money.error.positive' });
    expect(parseAmount('0', 'USD', true)).toEqual({ minor: '0' });
  });

  it('checks calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28/02/2026')).toBe(false);
  });

  it('computes the rate a deposit records, USD per unit, without floating point', () => {
    // 1,000,000.00 EUR received as 1,085,000.00 USD
    expect(usdRate('100000000', 'EUR', '108500000')).toBe('1.085000');
    // 10,000,000 JPY (no minor unit) as 66,666.67 USD
    expect(usdRate('10000000', 'JPY', '6666667')).toBe('0.006667');
    expect(usdRate('2000', 'USD', '2000')).toBe('1.000000');
    expect(usdRate(null, 'EUR', '5')).toBeNull();
    expect(usdRate('0', 'EUR', '5')).toBeNull();
  });

  it('validates a pledge and builds its body', () => {
    const v = {
      contributorId: 'org-1',
      reference: ' NOR-2026-05 ',
      pledgedAt: '2026-03-01',
      amount: '2,000,000',
      currency: 'NOK',
      earmarkObjectives: '',
    };
    expect(validatePledge(v)).toEqual({});
    expect(toPledge(v)).toEqual({
      contributorId: 'org-1',
      pledgedAt: '2026-03-01',
      amount: { amount: '200000000', currency: 'NOK' },
      earmark: { type: 'none' },
      reference: 'NOR-2026-05',
    });
    expect(toPledge({ ...v, earmarkObjectives: '6, 21 6' }).earmark).toEqual({
      type: 'objectives',
      objectives: [6, 21],
    });
    expect(
      validatePledge({ ...v, contributorId: '', pledgedAt: '2026-13-01', amount: 'x', earmarkObjectives: '24' }),
    ).toEqual({
      contributorId: 'money.error.required',
      pledgedAt: 'money.error.date',
      amount: 'money.error.amount',
      earmarkObjectives: 'money.error.objectives',
    });
    expect(parseObjectives('0')).toBeNull();
  });

  it('asks the USD amount only when the pledge is in another currency', () => {
    const v = { receivedAt: '2026-03-15', amount: '500,000', usdAmount: '', reference: '' };
    expect(validateDeposit(v, 'USD')).toEqual({});
    expect(toDeposit(v, 'USD')).toEqual({
      receivedAt: '2026-03-15',
      amount: { amount: '50000000', currency: 'USD' },
      usdAmount: { amount: '50000000', currency: 'USD' },
    });
    expect(validateDeposit(v, 'EUR')).toEqual({ usdAmount: 'money.error.required' });
    expect(toDeposit({ ...v, usdAmount: '542,500' }, 'EUR').usdAmount).toEqual({ amount: '54250000', currency: 'USD' });
  });

  it('caps an amount at what is held', () => {
    expect(validateCapped('400', 'USD', '40000')).toBeNull();
    expect(validateCapped('400.01', 'USD', '40000')).toBe('money.error.exceeds');
    expect(validateCapped('abc', 'USD', '40000')).toBe('money.error.amount');
    expect(validateCapped('1', 'USD', null)).toBeNull();
  });
});
