import { createHash } from 'node:crypto';
import { canonicalJson, eventBodyParts, eventHash, GENESIS_HASH } from './audit-chain';

const event = {
  id: '0192f000-0000-7000-8000-000000000001',
  seq: '1',
  occurredAt: '2026-11-29T10:00:00.000Z',
  actorId: '0192f000-0000-7000-8000-000000000002',
  actorRole: 'admin',
  action: 'user.created',
  entityType: 'user',
  entityId: 'x',
  before: null,
  after: { b: 1, a: { d: [1, 2], c: 'x' } },
  requestId: null,
  clientAddress: null,
};

describe('audit chain', () => {
  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } })).toBe('{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}');
  });
  it('the same event hashes the same whatever the key order', () => {
    const reordered = { ...event, after: { a: { c: 'x', d: [1, 2] }, b: 1 } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, event));
  });
  it('any change to content or link changes the hash', () => {
    const h = eventHash(GENESIS_HASH, event);
    expect(eventHash(GENESIS_HASH, { ...event, after: { b: 2, a: { d: [1, 2], c: 'x' } } })).not.toBe(h);
    expect(eventHash('1'.repeat(64), event)).not.toBe(h);
    expect(eventHash(GENESIS_HASH, { ...event, seq: '2' })).not.toBe(h);
  });
});

describe('audit chain body parts (what audit_append hashes in the database)', () => {
  it('head + seq + tail is the body eventHash covers', () => {
    for (const seq of ['1', '42', '9007199254740993']) {
      const { head, tail } = eventBodyParts(event);
      const expected = eventHash(GENESIS_HASH, { ...event, seq });
      const got = createHash('sha256').update(GENESIS_HASH).update(head + seq + tail).digest('hex');
      expect(got).toBe(expected);
    }
  });
  it('holds for content with quotes, unicode and a "seq" key of its own', () => {
    const e = { ...event, after: { seq: 'x"}', note: 'Größe – ☃ \u0000 \\ end' }, clientAddress: '::1' };
    const { head, tail } = eventBodyParts(e);
    expect(createHash('sha256').update('a'.repeat(64)).update(`${head}7${tail}`).digest('hex')).toBe(eventHash('a'.repeat(64), { ...e, seq: '7' }));
  });
});
