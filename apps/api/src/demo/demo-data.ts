import { INestApplicationContext } from '@nestjs/common';
import { Actor, Database, SYSTEM_ACTOR } from '@cbm/core';
import { UserRepository, UserService } from '@cbm/auth';
import { OrganisationService } from '@cbm/reference';
import { SupportRequestService } from '@cbm/hub';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { DEMO_REQUESTS } from './demo-requests';

export type DemoActors = Record<string, Actor>;

/** Creates the demo accounts and data once, through the domain services. Returns false when present. */
export async function seedDemoData(app: INestApplicationContext): Promise<boolean> {
  const users = app.get(UserService);
  const userRepo = app.get(UserRepository);
  if (await userRepo.findByEmail(DEMO_ACCOUNTS[0].email)) return false;
  const organisations = app.get(OrganisationService);
  const actors: DemoActors = {};
  const db = app.get(Database);
  await db.transaction(async (m) => {
    for (const a of DEMO_ACCOUNTS) {
      const organisationId = a.organisation ? await organisations.idByAcronym(a.organisation, m) : null;
      const user = await users.create(SYSTEM_ACTOR, { email: a.email, name: a.name, password: DEMO_PASSWORD, role: a.role, countryCode: a.countryCode ?? null, organisationId }, m);
      actors[a.key] = { id: user.id, role: a.role, email: a.email, countryCode: user.countryCode, organisationId: user.organisationId };
    }
  });
  const requests = app.get(SupportRequestService);
  for (const demo of DEMO_REQUESTS) {
    const owner = actors[demo.country];
    const r = await requests.create(owner, demo.draft);
    for (const step of demo.steps) {
      await requests.act(actors[step.as], r.id, step.action, step.input ?? {});
    }
  }
  return true;
}
