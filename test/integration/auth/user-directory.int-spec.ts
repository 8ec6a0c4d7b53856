import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@cbm/core';
import { UserDirectory, UserService } from '@cbm/auth';
import { startTestSystem, TestSystem, TestUser } from '../../support/test-system';

/** UserDirectory: what the other contexts may know of auth's users, from the real database. */
describe('user directory', () => {
  let sys: TestSystem;
  let directory: UserDirectory;
  let kenya: TestUser, kenyaGone: TestUser, mexico: TestUser, hub: TestUser, iom: TestUser, ilo: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem();
    directory = sys.app.get(UserDirectory);
    [kenya, kenyaGone, mexico, hub, iom, ilo] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('focal_point', { countryCode: 'MEX' }),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('partner_officer', { organisation: 'ILO' }),
    ]);
    await sys.app.get(UserService).update(SYSTEM_ACTOR, kenyaGone.id, { active: false });
  });
  afterAll(() => sys?.close());

  it('tells who a person is, without their e-mail address or password hash', async () => {
    expect(await directory.person(iom.id)).toEqual({
      id: iom.id,
      name: expect.any(String),
      role: 'partner_officer',
      active: true,
      countryCode: null,
      organisationId: iom.organisationId,
    });
    expect(await directory.person(kenyaGone.id)).toMatchObject({ role: 'focal_point', active: false });
    expect(await directory.person(randomUUID())).toBeNull();
    expect(await directory.person('')).toBeNull();
  });

  it('finds the active holders of several role scopes in one call, each once', async () => {
    const ids = await directory.activeIdsOf([
      { role: 'focal_point', countryCode: 'KEN' },
      { role: 'focal_point', countryCode: 'KEN' },
      { role: 'hub_officer' },
      { role: 'partner_officer', organisationId: iom.organisationId as string },
    ]);
    expect([...ids].sort()).toEqual([kenya.id, hub.id, iom.id].sort());
    expect(ids).not.toContain(kenyaGone.id);
    expect(ids).not.toContain(mexico.id);
    expect(ids).not.toContain(ilo.id);
    expect(await directory.activeIdsOf([])).toEqual([]);
  });

  it('gives the e-mail addresses of the active users only', async () => {
    const emails = await directory.activeEmails([kenya.id, kenyaGone.id, hub.id, randomUUID()]);
    expect(emails).toEqual(
      new Map([
        [kenya.id, kenya.email],
        [hub.id, hub.email],
      ]),
    );
    expect(await directory.activeEmails([])).toEqual(new Map());
  });
});
