import { ERASED, newKey, openEvent, refsOf, sealEvent, sealedRef, storedRefs, unseal } from './audit-seal';

const userId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const event = {
  id: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
  occurredAt: new Date('2026-12-01T10:00:00.123Z'),
  entityType: 'user',
  entityId: userId,
  before: { name: 'Ana Old', role: 'donor' },
  after: { name: 'Ana New', email: 'ana@example.org', role: 'admin', active: true },
  clientAddress: '203.0.113.7',
};

describe('sealed personal data in audit events', () => {
  const subjectKey = newKey();
  const dayKey = newKey();
  const ring = new Map([
    [`s:${userId}`, subjectKey],
    ['p:2026-12-01', dayKey],
  ]);

  it("names the user's key and the day's key an event needs", () => {
    expect(refsOf(event)).toEqual([
      { kind: 's', id: userId },
      { kind: 'p', id: '2026-12-01' },
    ]);
    // not a user event: only the address is personal (an organisation's name is not)
    expect(refsOf({ ...event, entityType: 'organisation', clientAddress: null })).toEqual([]);
  });

  it('seals name, e-mail and address, leaves the rest, and opens them again with the keys', () => {
    const sealed = sealEvent(event, ring);
    expect(sealed.after).toMatchObject({ role: 'admin', active: true });
    expect(sealed.after!.email).toMatch(/^sealed:s:/);
    expect(sealed.before!.name).toMatch(/^sealed:s:/);
    expect(sealed.clientAddress).toMatch(/^sealed:p:2026-12-01:/);
    expect(JSON.stringify(sealed)).not.toMatch(/ana|Ana|203\.0\.113/);
    expect(storedRefs(sealed)).toHaveLength(4);
    expect(openEvent(sealed, ring)).toEqual(event);
  });

  it('reads "[erased]" without the key, with another key, or in another event or field', () => {
    const sealed = sealEvent(event, ring);
    expect(openEvent(sealed, new Map())).toMatchObject({
      before: { name: ERASED, role: 'donor' },
      after: { name: ERASED, email: ERASED, role: 'admin' },
      clientAddress: ERASED,
    });
    const email = sealed.after!.email as string;
    expect(unseal(subjectKey, email, event.id, 'after.email')).toBe('ana@example.org');
    expect(unseal(newKey(), email, event.id, 'after.email')).toBe(ERASED);
    expect(unseal(subjectKey, email, 'another-event', 'after.email')).toBe(ERASED);
    expect(unseal(subjectKey, email, event.id, 'after.name')).toBe(ERASED);
  });

  it('stores "[erased]" for a subject whose key was destroyed', () => {
    const sealed = sealEvent(event, new Map([[`s:${userId}`, null]]));
    expect(sealed.after).toMatchObject({ name: ERASED, email: ERASED });
    expect(sealed.clientAddress).toBe(ERASED);
    expect(sealedRef('plain text')).toBeNull();
  });
});
