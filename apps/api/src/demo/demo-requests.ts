import type { RequestAction } from '@cbm/hub';

export interface DemoRequest {
  country: string;
  draft: {
    title: string;
    summary: string;
    expectedResults: string;
    objectives: number[];
    actions?: string[];
    principles?: string[];
    supportTypes: string[];
    estimatedBudget?: { amount: string; currency: string };
    startDate?: string;
    endDate?: string;
  };
  steps: { as: string; action: RequestAction; input?: Record<string, string> }[];
}

/** Realistic requests; each walks the workflow to a different state. */
export const DEMO_REQUESTS: DemoRequest[] = [
  {
    country: 'kenya',
    draft: {
      title: 'Reintegration support for returning migrant workers from the Gulf',
      summary: 'Kenya receives a growing number of returning domestic workers. County governments lack referral pathways for psychosocial, economic and legal support.',
      expectedResults: 'A national reintegration referral mechanism piloted in three counties; 600 returnees supported.',
      objectives: [21, 6],
      actions: ['21.a', '21.h'],
      principles: ['people_centred', 'gender_responsive'],
      supportTypes: ['technical_assistance', 'capacity_building', 'seed_funding'],
      estimatedBudget: { amount: '45000000', currency: 'USD' },
      startDate: '2027-01-01',
      endDate: '2028-06-30',
    },
    steps: [
      { as: 'kenya', action: 'submit' },
      { as: 'hub', action: 'start_triage' },
    ],
  },
  {
    country: 'mexico',
    draft: {
      title: 'Fair recruitment corridor for seasonal agricultural workers',
      summary: 'Seasonal workers recruited for agriculture abroad pay illegal fees to intermediaries. The Ministry of Labour seeks to regulate recruiters and inform workers before departure.',
      expectedResults: 'A recruiter registry, a pre-departure information programme and a bilateral monitoring arrangement.',
      objectives: [6, 3],
      actions: ['6.a', '6.d'],
      principles: ['human_rights', 'whole_of_government_approach'],
      supportTypes: ['policy_advice', 'peer_exchange'],
      estimatedBudget: { amount: '30000000', currency: 'USD' },
    },
    steps: [{ as: 'mexico', action: 'submit' }],
  },
  {
    country: 'philippines',
    draft: {
      title: 'Disaggregated migration data for local development planning',
      summary: 'Provincial planners have no reliable data on out-migration and remittances; the statistics office wants to add a migration module to the labour force survey.',
      expectedResults: 'A survey module, trained provincial staff and a public dashboard.',
      objectives: [1],
      actions: ['1.c'],
      supportTypes: ['data_and_research', 'capacity_building'],
      estimatedBudget: { amount: '12000000', currency: 'USD' },
    },
    steps: [
      { as: 'philippines', action: 'submit' },
      { as: 'hub', action: 'start_triage' },
      { as: 'hub', action: 'request_info', input: { question: 'Which provinces would pilot the module, and is the statistics office co-funding the survey round?' } },
    ],
  },
  {
    country: 'kenya',
    draft: {
      title: 'Birth registration for children of migrants in border counties',
      summary: 'Children born to migrant parents in border counties often go unregistered and later lack access to school and health services.',
      expectedResults: 'Mobile registration in two counties; a legal review of documentation requirements.',
      objectives: [4, 7],
      supportTypes: ['technical_assistance'],
    },
    steps: [],
  },
];
