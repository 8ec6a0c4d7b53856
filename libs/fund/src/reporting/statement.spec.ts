import { canonicalJson, cutoffOf, units, withHash } from './statement';

const now = new Date('2026-06-15T12:00:00.000Z');

describe('statements as of a moment', () => {
  it('reads a day up to its end and an instant up to its millisecond', () => {
    expect(cutoffOf('2026-06-14', now)).toEqual({ label: '2026-06-14', before: new Date('2026-06-15T00:00:00.000Z') });
    expect(cutoffOf('2026-06-15T13:00:00+02:00', now)).toEqual({
      label: '2026-06-15T11:00:00.000Z',
      before: new Date('2026-06-15T11:00:00.001Z'),
    });
    expect(cutoffOf(undefined, now)).toEqual({ label: now.toISOString(), before: new Date(now.getTime() + 1) });
  });

  it('refuses what is no moment, and moments not yet past (400)', () => {
    for (const bad of ['2026-02-30', '15/06/2026', '2026-06-15T10:00:00', 'yesterday', '2026-06-15'])
      expect(() => cutoffOf(bad, now)).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => cutoffOf('2026-06-15T12:00:00.001Z', now)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('hashes a canonical form: the same content in any key order gives the same hash', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: '1' })).toBe('{"a":"1","b":[1,{"c":"x","d":null}]}');
    const one = withHash({ a: 1, b: { c: '2', d: [3] } });
    const two = withHash({ b: { d: [3], c: '2' }, a: 1 });
    expect(one.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(two.sha256).toBe(one.sha256);
    expect(withHash({ a: 2, b: { c: '2', d: [3] } }).sha256).not.toBe(one.sha256);
  });

  it('gives amounts in currency units', () => {
    expect(units(1234567n, 2)).toBe('12345.67');
    expect(units('-5', 2)).toBe('-0.05');
    expect(units('1000', 0)).toBe('1000');
    expect(units('1234', 3)).toBe('1.234');
  });
});
