export const ROLES = [
  'focal_point',
  'hub_officer',
  'partner_officer',
  'fund_manager',
  'steering_committee',
  'donor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user with their scope, or the system itself. */
export interface Actor {
  id: string;
  role: Role | 'system';
  email?: string;
  countryCode?: string | null;
  organisationId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', role: 'system' };

export const isUnStaff = (a: Actor) => a.role === 'hub_officer' || a.role === 'admin';
