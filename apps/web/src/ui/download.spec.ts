import { formatBytes, percentOf } from './download';

describe('download progress', () => {
  it('gives a percentage only when the size is known', () => {
    expect(percentOf({ received: 0, total: 200 })).toBe(0);
    expect(percentOf({ received: 50, total: 200 })).toBe(25);
    expect(percentOf({ received: 199, total: 200 })).toBe(99);
    expect(percentOf({ received: 250, total: 200 })).toBe(100);
    expect(percentOf({ received: 50, total: null })).toBeNull();
    expect(percentOf({ received: 50, total: 0 })).toBeNull();
  });

  it('formats sizes in the reader’s language', () => {
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(12_500, 'en')).toBe('12.5 kB');
    expect(formatBytes(3_400_000, 'fr')).toBe('3,4 MB');
  });
});
