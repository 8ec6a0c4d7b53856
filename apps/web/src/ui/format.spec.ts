import { decimalToMinor, formatMoney, minorToDecimal } from './format';

describe('web money formatting (no floating point)', () => {
  it.each([
    ['125000', 'USD', '1250.00'],
    ['5', 'USD', '0.05'],
    ['0', 'USD', '0.00'],
    ['-1999', 'EUR', '-19.99'],
    ['1500', 'JPY', '1500'],
    ['1234567', 'KWD', '1234.567'],
    ['900719925474099312', 'USD', '9007199254740993.12'],
  ])('minorToDecimal(%s %s) = %s', (amount, currency, expected) => {
    expect(minorToDecimal(amount, currency)).toBe(expected);
  });

  it.each([
    ['250000', 'USD', '25000000'],
    ['1,250.5', 'USD', '125050'],
    ['0.07', 'USD', '7'],
    ['1500', 'JPY', '1500'],
    ['12.345', 'USD', null],
    ['abc', 'USD', null],
    ['-5', 'USD', null],
    ['', 'USD', null],
  ])('decimalToMinor(%s %s) = %s', (input, currency, expected) => {
    expect(decimalToMinor(input, currency)).toBe(expected);
  });

  it('formats in the reader’s language', () => {
    expect(formatMoney({ amount: '25000000', currency: 'USD' }, 'en')).toBe('$250,000.00');
    expect(formatMoney(null, 'en')).toBe('—');
  });
});
