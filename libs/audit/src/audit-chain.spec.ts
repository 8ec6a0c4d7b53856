import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  canonicalJson,
  canonicalParsedJson,
  eventBodyParts,
  eventHash,
  eventHashOfText,
  EventText,
  GENESIS_HASH,
  HASH_VERSION,
  hashedTime,
} from './audit-chain';

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

describe("the verifier's text form", () => {
  const json = fc.jsonValue();
  const nullable = (a: fc.Arbitrary<string>) => fc.option(a, { nil: null });

  it('canonicalParsedJson writes what canonicalJson writes for anything JSON.parse returns', () => {
    fc.assert(
      fc.property(
        json,
        (v) => canonicalParsedJson(JSON.parse(JSON.stringify(v))) === canonicalJson(JSON.parse(JSON.stringify(v))),
      ),
      { numRuns: 2000 },
    );
    for (const text of [
      '{"__proto__":1,"constructor":{"b":[]},"":null}',
      '{"b":1,"B":2,"é":3,"e\u0301":4,"\ud83d\ude00":5,"\uffff":6}',
      '[1e300,-0,0.1,1E-7,12345678901234567890]',
    ]) {
      expect(canonicalParsedJson(JSON.parse(text))).toBe(canonicalJson(JSON.parse(text)));
    }
  });

  it('an event read back as text hashes as eventHash hashed it at append', () => {
    const object = fc.option(fc.dictionary(fc.string(), json), { nil: null });
    const ev = fc.record({
      id: fc.uuid(),
      seq: fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String),
      occurredAt: fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
      actorId: fc.uuid(),
      actorRole: fc.string(),
      action: fc.string(),
      entityType: fc.string(),
      entityId: fc.string(),
      before: object,
      after: object,
      requestId: nullable(fc.string()),
      clientAddress: nullable(fc.string()),
    });
    fc.assert(
      fc.property(ev, fc.boolean(), (e, spaced) => {
        // jsonb gives its own key order and spacing back
        const stored = (v: unknown) =>
          v === null
            ? null
            : spaced
              ? JSON.stringify(Object.fromEntries(Object.entries(v as object).reverse()), null, 1)
              : JSON.stringify(v);
        const text: EventText = [
          e.id,
          e.seq,
          hashedTime(e.occurredAt, HASH_VERSION),
          e.actorId,
          e.actorRole,
          e.action,
          e.entityType,
          e.entityId,
          stored(e.before),
          stored(e.after),
          e.requestId,
          e.clientAddress,
          GENESIS_HASH,
          '',
          '2',
        ];
        return eventHashOfText(GENESIS_HASH, text) === eventHash(GENESIS_HASH, e);
      }),
      { numRuns: 1000 },
    );
  });

  it("any change to a column changes the text form's hash", () => {
    const text: EventText = [
      event.id,
      event.seq,
      hashedTime(event.occurredAt, HASH_VERSION),
      event.actorId,
      event.actorRole,
      event.action,
      event.entityType,
      event.entityId,
      null,
      JSON.stringify(event.after),
      null,
      null,
      GENESIS_HASH,
      '',
      '2',
    ];
    const h = eventHashOfText(GENESIS_HASH, text);
    expect(h).toBe(eventHash(GENESIS_HASH, event));
    for (let i = 0; i < 12; i++) {
      const changed = [...text] as EventText;
      changed[i] = i === 8 ? '{"a":1}' : i === 9 ? '{"b":2,"a":{"d":[1,2],"c":"x"}}' : `${changed[i] ?? ''}x`;
      expect(eventHashOfText(GENESIS_HASH, changed)).not.toBe(h);
    }
  });
});

describe('audit chain body parts (what audit_append hashes in the database)', () => {
  it('head + seq + tail is the body eventHash covers', () => {
    for (const seq of ['1', '42', '9007199254740993']) {
      const { head, tail } = eventBodyParts(event);
      const expected = eventHash(GENESIS_HASH, { ...event, seq });
      const got = createHash('sha256')
        .update(GENESIS_HASH)
        .update(head + seq + tail)
        .digest('hex');
      expect(got).toBe(expected);
    }
  });
  it('holds for content with quotes, unicode and a "seq" key of its own', () => {
    const e = { ...event, after: { seq: 'x"}', note: 'Größe – ☃ \u0000 \\ end' }, clientAddress: '::1' };
    const { head, tail } = eventBodyParts(e);
    expect(createHash('sha256').update('a'.repeat(64)).update(`${head}7${tail}`).digest('hex')).toBe(
      eventHash('a'.repeat(64), { ...e, seq: '7' }),
    );
  });
});

describe('hash versions: the time at the precision it is stored', () => {
  it('version 1 hashed milliseconds, version 2 hashes microseconds', () => {
    expect(hashedTime('2026-11-29T10:00:00.123Z', 1)).toBe('2026-11-29T10:00:00.123Z');
    expect(hashedTime('2026-11-29T10:00:00.123Z', 2)).toBe('2026-11-29T10:00:00.123000Z');
    expect(hashedTime(new Date('2026-11-29T10:00:00.123Z'), 2)).toBe('2026-11-29T10:00:00.123000Z');
    // what the verifier reads from the database (to_char …US): cut to milliseconds for version 1, as pg's parser did
    expect(hashedTime('2026-11-29T10:00:00.123900Z', 1)).toBe('2026-11-29T10:00:00.123Z');
    expect(hashedTime('2026-11-29T10:00:00.123900Z', 2)).toBe('2026-11-29T10:00:00.123900Z');
  });

  it('900 µs more changes a version 2 hash, not a version 1 hash', () => {
    const stored = { ...event, occurredAt: '2026-11-29T10:00:00.000000Z' };
    const moved = { ...event, occurredAt: '2026-11-29T10:00:00.000900Z' };
    expect(eventHash(GENESIS_HASH, moved, 1)).toBe(eventHash(GENESIS_HASH, stored, 1));
    expect(eventHash(GENESIS_HASH, moved, 2)).not.toBe(eventHash(GENESIS_HASH, stored, 2));
  });

  it('a version 1 event still verifies from its text form', () => {
    const text: EventText = [
      event.id,
      event.seq,
      hashedTime('2026-11-29T10:00:00.000000Z', 1),
      event.actorId,
      event.actorRole,
      event.action,
      event.entityType,
      event.entityId,
      null,
      JSON.stringify(event.after),
      null,
      null,
      GENESIS_HASH,
      '',
      '1',
    ];
    expect(eventHashOfText(GENESIS_HASH, text)).toBe(eventHash(GENESIS_HASH, event, 1));
  });
});
