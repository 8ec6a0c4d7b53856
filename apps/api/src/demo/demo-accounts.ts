import type { Role } from '@cbm/core';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoAccount {
  key: string;
  email: string;
  name: string;
  role: Role;
  countryCode?: string;
  /** Acronym of the organisation, resolved at seeding. */
  organisation?: string;
}

/** One account per role (two steering-committee members: four eyes). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'admin', email: 'admin@cbm.example.org', name: 'Ada Admin', role: 'admin' },
  { key: 'hub', email: 'hub.officer@cbm.example.org', name: 'Hamid Hub', role: 'hub_officer' },
  { key: 'hub2', email: 'hub.officer2@cbm.example.org', name: 'Helena Hub', role: 'hub_officer' },
  {
    key: 'kenya',
    email: 'focal.kenya@cbm.example.org',
    name: 'Wanjiru Kamau',
    role: 'focal_point',
    countryCode: 'KEN',
  },
  {
    key: 'mexico',
    email: 'focal.mexico@cbm.example.org',
    name: 'Lucía Hernández',
    role: 'focal_point',
    countryCode: 'MEX',
  },
  {
    key: 'philippines',
    email: 'focal.philippines@cbm.example.org',
    name: 'Jose Santos',
    role: 'focal_point',
    countryCode: 'PHL',
  },
  {
    key: 'partnerIom',
    email: 'partner.iom@cbm.example.org',
    name: 'Ines IOM',
    role: 'partner_officer',
    organisation: 'IOM',
  },
  {
    key: 'partnerIlo',
    email: 'partner.ilo@cbm.example.org',
    name: 'Lars ILO',
    role: 'partner_officer',
    organisation: 'ILO',
  },
  { key: 'fund', email: 'fund.manager@cbm.example.org', name: 'Fatima Fund', role: 'fund_manager' },
  { key: 'steering1', email: 'steering1@cbm.example.org', name: 'Sven Steering', role: 'steering_committee' },
  { key: 'steering2', email: 'steering2@cbm.example.org', name: 'Sofia Steering', role: 'steering_committee' },
  { key: 'donor', email: 'donor.sweden@cbm.example.org', name: 'Dag Donor', role: 'donor', organisation: 'SWE' },
  // Germany's money is earmarked, so the demo allocations draw on it: its donor sees it flow to projects
  {
    key: 'donorGermany',
    email: 'donor.germany@cbm.example.org',
    name: 'Greta Geber',
    role: 'donor',
    organisation: 'DEU',
  },
];
