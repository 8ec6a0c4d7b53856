export const ORGANISATION_TYPES = [
  'un_entity',
  'member_state',
  'ifi',
  'private_sector',
  'foundation',
  'civil_society',
  'local_authority',
  'academia',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Expertise on an objective: 1 contributes, 2 substantial expertise, 3 core mandate. */
export const CAPABILITY_LEVELS = [1, 2, 3] as const;
export type CapabilityLevel = (typeof CAPABILITY_LEVELS)[number];

export interface ObjectiveCapability {
  objective: number;
  level: CapabilityLevel;
}
