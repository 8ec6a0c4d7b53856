import type { RequestAction } from '@cbm/hub';

/** One step of a demo request's history, walked through the hub's services. */
export type DemoStep =
  | { as: string; action: RequestAction; input?: Record<string, string> }
  | {
      as: string;
      assess: {
        recommendation: 'proceed' | 'decline' | 'needs_information';
        rationale: string;
        conflictOfInterest?: boolean;
        low?: boolean;
      };
    }
  | { as: string; invite: { organisation: string; role: 'lead' | 'participating' } }
  | { as: string; respond: { organisation: string; accept: boolean; reason?: string } }
  | { as: string; plan: DemoPlan }
  | {
      as: string;
      report: {
        kind: 'progress' | 'final';
        period: string;
        narrative: string;
        done?: string[];
        /** The period's dates and indicator actuals (cumulative); `accept`: the hub accepts it with this reason. */
        periodStart?: string;
        periodEnd?: string;
        actuals?: { code: string; value: string; female?: string; male?: string }[];
        accept?: string;
        lessonsLearned?: string;
      };
    }
  | { as: string; comment: { body: string; internal?: boolean } };

export interface DemoPlan {
  lead: string;
  participating?: string[];
  stakeholders: { type: string; name: string; role: string }[];
  milestones: { code: string; title: string; dueDate: string }[];
  budget: Record<string, string>;
  funding: { source: string; amount: string; status: string; note?: string }[];
  reportDueDates?: string[];
  results?: DemoOutcome[];
}

interface DemoFigure {
  value: string;
  female?: string;
  male?: string;
}
interface DemoIndicator {
  code: string;
  title: string;
  unit: string;
  measure: 'unit' | 'percentage';
  baseline: DemoFigure & { year: number };
  target: DemoFigure;
  meansOfVerification: string;
  sexDisaggregated: boolean;
  objectives: number[];
}
interface DemoOutcome {
  code: string;
  title: string;
  indicators: DemoIndicator[];
  outputs: { code: string; title: string; indicators: DemoIndicator[] }[];
}

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
  steps: DemoStep[];
}

const submitted = (country: string): DemoStep[] => [{ as: country, action: 'submit' }];
const triaged = (country: string): DemoStep[] => [...submitted(country), { as: 'hub', action: 'start_triage' }];
const inAssessment = (country: string): DemoStep[] => [...triaged(country), { as: 'hub', action: 'start_assessment' }];
const approved = (country: string, rationale: string): DemoStep[] => [
  ...inAssessment(country),
  { as: 'hub', assess: { recommendation: 'proceed', rationale } },
  { as: 'hub', action: 'approve' },
];

const REINTEGRATION_PLAN: DemoPlan = {
  lead: 'IOM',
  participating: ['ILO'],
  stakeholders: [
    {
      type: 'civil_society',
      name: 'Kenya Union of Domestic, Hotels and Allied Workers',
      role: 'outreach to returnees',
    },
    { type: 'local_authority', name: 'Mombasa County Government', role: 'county referral desk' },
    { type: 'private_sector', name: 'Kenya Private Sector Alliance', role: 'job placement' },
  ],
  milestones: [
    { code: 'M1', title: 'National referral protocol adopted', dueDate: '2027-06-30' },
    { code: 'M2', title: 'Referral desks open in three counties', dueDate: '2027-12-31' },
    { code: 'M3', title: '600 returnees supported', dueDate: '2028-06-30' },
  ],
  budget: { IOM: '35000000', ILO: '10000000' },
  results: [
    {
      code: 'OC1',
      title: 'Returning migrant workers reintegrate sustainably in three counties',
      indicators: [
        {
          code: 'OC1.1',
          title: 'Returnees with a regular income twelve months after return',
          unit: 'returnees',
          measure: 'unit',
          baseline: { year: 2026, value: '0', female: '0', male: '0' },
          target: { value: '600', female: '420', male: '180' },
          meansOfVerification: 'county referral registers; follow-up survey at twelve months',
          sexDisaggregated: true,
          objectives: [21],
        },
      ],
      outputs: [
        {
          code: 'OP1.1',
          title: 'County referral desks refer returnees to psychosocial, economic and legal support',
          indicators: [
            {
              code: 'OP1.1a',
              title: 'Returnees referred by a county desk',
              unit: 'returnees',
              measure: 'unit',
              baseline: { year: 2026, value: '0', female: '0', male: '0' },
              target: { value: '900', female: '630', male: '270' },
              meansOfVerification: 'referral desk case files',
              sexDisaggregated: true,
              objectives: [21],
            },
            {
              code: 'OP1.1b',
              title: 'Recruitment agencies audited against the fair-recruitment checklist',
              unit: 'agencies',
              measure: 'percentage',
              baseline: { year: 2026, value: '10' },
              target: { value: '60' },
              meansOfVerification: 'labour ministry audit reports',
              sexDisaggregated: false,
              objectives: [6],
            },
          ],
        },
      ],
    },
  ],
  funding: [
    { source: 'start_up_fund', amount: '25000000', status: 'confirmed', note: 'seed funding' },
    {
      source: 'national_budget',
      amount: '12000000',
      status: 'confirmed',
      note: 'State Department for Diaspora Affairs',
    },
    { source: 'bilateral_donor', amount: '8000000', status: 'confirmed' },
  ],
  reportDueDates: ['2027-06-30', '2027-12-31'],
};

/** Realistic requests, one or more in every state of the workflow. */
export const DEMO_REQUESTS: DemoRequest[] = [
  {
    country: 'kenya',
    draft: {
      title: 'Reintegration support for returning migrant workers from the Gulf',
      summary:
        'Kenya receives a growing number of returning domestic workers. County governments lack referral pathways for psychosocial, economic and legal support.',
      expectedResults:
        'A national reintegration referral mechanism piloted in three counties; 600 returnees supported.',
      objectives: [21, 6],
      actions: ['21.a', '21.h'],
      principles: ['people_centred', 'gender_responsive'],
      supportTypes: ['technical_assistance', 'capacity_building', 'seed_funding'],
      estimatedBudget: { amount: '45000000', currency: 'USD' },
      startDate: '2027-01-01',
      endDate: '2028-06-30',
    },
    // in implementation with a plan and a first progress report
    steps: [
      ...approved('kenya', 'Strong national ownership; IOM and ILO present in all three counties.'),
      { as: 'hub', invite: { organisation: 'IOM', role: 'lead' } },
      { as: 'hub', invite: { organisation: 'ILO', role: 'participating' } },
      { as: 'partnerIom', respond: { organisation: 'IOM', accept: true } },
      { as: 'partnerIlo', respond: { organisation: 'ILO', accept: true } },
      { as: 'hub', action: 'confirm_partners' },
      { as: 'hub', plan: REINTEGRATION_PLAN },
      { as: 'hub', action: 'start_implementation' },
      {
        as: 'partnerIom',
        report: {
          kind: 'progress',
          period: '2027-H1',
          narrative: 'The referral protocol was validated with three counties and adopted by the State Department.',
          done: ['M1'],
          periodStart: '2027-01-01',
          periodEnd: '2027-06-30',
          actuals: [
            { code: 'OC1.1', value: '40', female: '29', male: '11' },
            { code: 'OP1.1a', value: '185', female: '131', male: '54' },
            { code: 'OP1.1b', value: '25' },
          ],
          accept: 'Figures checked against the county referral registers.',
        },
      },
    ],
  },
  {
    country: 'mexico',
    draft: {
      title: 'Fair recruitment corridor for seasonal agricultural workers',
      summary:
        'Seasonal workers recruited for agriculture abroad pay illegal fees to intermediaries. The Ministry of Labour seeks to regulate recruiters and inform workers before departure.',
      expectedResults:
        'A recruiter registry, a pre-departure information programme and a bilateral monitoring arrangement.',
      objectives: [6, 3],
      actions: ['6.a', '6.d'],
      principles: ['human_rights', 'whole_of_government_approach'],
      supportTypes: ['policy_advice', 'peer_exchange'],
      estimatedBudget: { amount: '30000000', currency: 'USD' },
    },
    steps: submitted('mexico'),
  },
  {
    country: 'philippines',
    draft: {
      title: 'Disaggregated migration data for local development planning',
      summary:
        'Provincial planners have no reliable data on out-migration and remittances; the statistics office wants to add a migration module to the labour force survey.',
      expectedResults: 'A survey module, trained provincial staff and a public dashboard.',
      objectives: [1],
      actions: ['1.c'],
      supportTypes: ['data_and_research', 'capacity_building'],
      estimatedBudget: { amount: '12000000', currency: 'USD' },
    },
    steps: [
      ...triaged('philippines'),
      {
        as: 'hub',
        action: 'request_info',
        input: {
          question: 'Which provinces would pilot the module, and is the statistics office co-funding the survey round?',
        },
      },
    ],
  },
  {
    country: 'kenya',
    draft: {
      title: 'Birth registration for children of migrants in border counties',
      summary:
        'Children born to migrant parents in border counties often go unregistered and later lack access to school and health services.',
      expectedResults: 'Mobile registration in two counties; a legal review of documentation requirements.',
      objectives: [4, 7],
      supportTypes: ['technical_assistance'],
    },
    steps: [],
  },
  {
    country: 'philippines',
    draft: {
      title: 'Pre-departure orientation for seafarers and domestic workers',
      summary:
        'Pre-departure seminars are generic and delivered late; workers leave without knowing their rights, complaint channels or consular contacts at destination.',
      expectedResults: 'A revised curriculum, an online module and trained trainers in five regional offices.',
      objectives: [3, 6],
      supportTypes: ['capacity_building', 'technical_assistance'],
      estimatedBudget: { amount: '8000000', currency: 'USD' },
    },
    steps: [
      ...triaged('philippines'),
      {
        as: 'hub',
        comment: { body: 'Check overlap with the ILO fair recruitment work in the region.', internal: true },
      },
    ],
  },
  {
    country: 'mexico',
    draft: {
      title: 'Search for missing migrants and identification of remains',
      summary:
        'Families of missing migrants have no single channel to report cases; forensic data held by states is not shared across borders.',
      expectedResults: 'A regional protocol for exchanging forensic data and a family liaison network.',
      objectives: [8, 23],
      principles: ['human_rights', 'international_cooperation'],
      supportTypes: ['technical_assistance', 'policy_advice'],
      estimatedBudget: { amount: '20000000', currency: 'USD' },
    },
    steps: inAssessment('mexico'),
  },
  {
    country: 'philippines',
    draft: {
      title: 'Financial literacy and remittance-linked savings for migrant families',
      summary:
        'Remittance costs remain high and few families save; the central bank wants to pilot remittance-linked savings products with rural banks.',
      expectedResults: 'Two savings products piloted with rural banks; 5,000 families trained.',
      objectives: [20, 19],
      supportTypes: ['technical_assistance', 'data_and_research'],
      estimatedBudget: { amount: '15000000', currency: 'USD' },
    },
    // matching: IOM invited as lead, ILO declined
    steps: [
      ...approved('philippines', 'Clear demand from the central bank; replicable model.'),
      { as: 'hub', invite: { organisation: 'IOM', role: 'lead' } },
      { as: 'hub', invite: { organisation: 'ILO', role: 'participating' } },
      {
        as: 'partnerIlo',
        respond: {
          organisation: 'ILO',
          accept: false,
          reason: 'Remittance products are outside our programme in the Philippines this biennium.',
        },
      },
    ],
  },
  {
    country: 'kenya',
    draft: {
      title: 'Labour migration governance: bilateral labour agreements review',
      summary:
        'Kenya has signed labour agreements with several destination countries but has no mechanism to monitor their implementation.',
      expectedResults: 'A monitoring framework and a joint committee with two destination countries.',
      objectives: [5, 6],
      supportTypes: ['policy_advice'],
      estimatedBudget: { amount: '6000000', currency: 'USD' },
    },
    // set-up: partners confirmed, plan being drafted
    steps: [
      ...approved('kenya', 'Well targeted; ILO has the mandate.'),
      { as: 'hub', invite: { organisation: 'ILO', role: 'lead' } },
      { as: 'partnerIlo', respond: { organisation: 'ILO', accept: true } },
      { as: 'hub', action: 'confirm_partners' },
    ],
  },
  {
    country: 'mexico',
    draft: {
      title: 'Alternatives to immigration detention for families with children',
      summary:
        'Families with children are held in migration stations; the National Migration Institute wants community-based case management instead.',
      expectedResults: 'A case-management model in two states; no children detained in the pilot states.',
      objectives: [13, 7],
      principles: ['child_sensitive', 'human_rights'],
      supportTypes: ['technical_assistance', 'capacity_building'],
      estimatedBudget: { amount: '18000000', currency: 'USD' },
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    },
    // completed with a final report
    steps: [
      ...approved('mexico', 'Urgent; strong partners on the ground.'),
      { as: 'hub', invite: { organisation: 'IOM', role: 'lead' } },
      { as: 'partnerIom', respond: { organisation: 'IOM', accept: true } },
      { as: 'hub', action: 'confirm_partners' },
      {
        as: 'hub',
        plan: {
          lead: 'IOM',
          stakeholders: [{ type: 'civil_society', name: 'Casa del Migrante network', role: 'community shelters' }],
          milestones: [
            { code: 'M1', title: 'Case-management model agreed', dueDate: '2026-06-30' },
            { code: 'M2', title: 'Pilot in two states', dueDate: '2026-12-31' },
          ],
          budget: { IOM: '18000000' },
          funding: [
            { source: 'national_budget', amount: '6000000', status: 'confirmed' },
            { source: 'bilateral_donor', amount: '12000000', status: 'confirmed' },
          ],
        },
      },
      { as: 'hub', action: 'start_implementation' },
      {
        as: 'partnerIom',
        report: {
          kind: 'progress',
          period: '2026-H1',
          narrative: 'Model agreed with the Institute and two state child-protection offices.',
          done: ['M1'],
        },
      },
      {
        as: 'partnerIom',
        report: {
          kind: 'final',
          period: '2026',
          narrative: '212 families placed in community case management; no children detained in the pilot states.',
          done: ['M2'],
          lessonsLearned:
            'Child-protection offices must co-own the case files from day one; shelters need a per-family budget line.',
        },
      },
      { as: 'partnerIom', action: 'complete' },
    ],
  },
  {
    country: 'kenya',
    draft: {
      title: 'Skills recognition for returning health workers',
      summary: 'Nurses returning from abroad cannot have their foreign experience recognised and leave the profession.',
      expectedResults: 'A recognition procedure with the nursing council; 300 nurses recognised.',
      objectives: [18, 21],
      supportTypes: ['technical_assistance'],
      estimatedBudget: { amount: '5000000', currency: 'USD' },
      startDate: '2025-07-01',
      endDate: '2026-06-30',
    },
    // closed
    steps: [
      ...approved('kenya', 'Small, well defined, quick win.'),
      { as: 'hub', invite: { organisation: 'ILO', role: 'lead' } },
      { as: 'partnerIlo', respond: { organisation: 'ILO', accept: true } },
      { as: 'hub', action: 'confirm_partners' },
      {
        as: 'hub',
        plan: {
          lead: 'ILO',
          stakeholders: [
            { type: 'national_government', name: 'Nursing Council of Kenya', role: 'recognition authority' },
          ],
          milestones: [{ code: 'M1', title: 'Recognition procedure adopted', dueDate: '2026-03-31' }],
          budget: { ILO: '5000000' },
          funding: [{ source: 'national_budget', amount: '5000000', status: 'confirmed' }],
        },
      },
      { as: 'hub', action: 'start_implementation' },
      {
        as: 'partnerIlo',
        report: {
          kind: 'final',
          period: '2025-2026',
          narrative: '341 nurses recognised under the new procedure.',
          done: ['M1'],
          lessonsLearned: 'A recognition procedure is quicker to adopt when the professional council drafts it.',
        },
      },
      { as: 'hub', action: 'complete' },
      { as: 'hub', action: 'close' },
    ],
  },
  {
    country: 'philippines',
    draft: {
      title: 'Diaspora investment fund feasibility study',
      summary: 'A study on a diaspora bond to fund provincial infrastructure.',
      expectedResults: 'A feasibility study.',
      objectives: [19],
      supportTypes: ['data_and_research'],
      estimatedBudget: { amount: '2000000', currency: 'USD' },
    },
    // declined after assessment
    steps: [
      ...inAssessment('philippines'),
      {
        as: 'hub',
        assess: {
          recommendation: 'decline',
          rationale: 'A commercial feasibility study is better placed with an IFI; no migration governance component.',
          low: true,
        },
      },
      {
        as: 'hub',
        action: 'decline',
        input: {
          reason:
            'Better placed with an international financial institution; the mechanism funds migration governance work.',
        },
      },
    ],
  },
  {
    country: 'mexico',
    draft: {
      title: 'Consular registration app for nationals abroad',
      summary: 'An app to let nationals abroad register with consulates.',
      expectedResults: 'An app.',
      objectives: [14],
      supportTypes: ['technical_assistance'],
    },
    steps: [
      ...submitted('mexico'),
      { as: 'mexico', action: 'withdraw', input: { reason: 'Funded by the national budget after all.' } },
    ],
  },
];
