import { decodeCursor, decodeIdCursor, encodeCursor, pageOf } from './cursor';

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

  it('takes an id cursor only when it holds a uuid: a number or any other text is a 400 before any query', () => {
    const id = '01a252e3-5205-7224-a4f4-214b5a89ce4a';
    expect(decodeIdCursor(encodeCursor([id]))).toBe(id);
    expect(decodeIdCursor(undefined)).toBeUndefined();
    for (const bad of [[9007199254740994], ['not-a-uuid'], [`${id}' OR 1=1`]])
      expect(() => decodeIdCursor(encodeCursor(bad))).toThrow(/cursor is not valid/);
  });
});
