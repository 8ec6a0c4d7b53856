import { decodeCursor, encodeCursor, pageOf } from './cursor';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 'abc']), 2)).toEqual(['2026-01-01', 'abc']);
  });
  it('refuses cursors it did not issue', () => {
    for (const bad of [
      'x',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeCursor(['a']) + '!!',
      encodeCursor(['a', 'b']),
    ]) {
      expect(() => decodeCursor(bad, 1)).toThrow(/cursor/);
    }
  });
  it('gives a next cursor only when there is more', () => {
    expect(pageOf([1, 2, 3], 2, (n) => [n])).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) });
    expect(pageOf([1, 2], 2, (n) => [n]).nextCursor).toBeNull();
  });
});
