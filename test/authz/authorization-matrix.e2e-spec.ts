/*
 * Authorisation matrix (issue 7, part 5): every operation of the OpenAPI document × every role
 * (and the anonymous caller) × inside and outside the caller's scope, with the EXPECTED STATUS
 * WRITTEN BELOW AS A TABLE. x-access is only used to check that the table covers every operation
 * and that no operation lacks a declaration; the statuses are never computed from it.
 *
 * Each cell is a valid request (so that validation cannot mask access). Cells expected to be
 * refused run first, each between two checksums of every table: a refused write must change no
 * row, and a refused read must not carry the object (its title) in the answer. Cells expected to
 * succeed run afterwards, each on a target of its own where success changes state.
 * List routes are then checked row by row for out-of-scope content.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Database, newId, SYSTEM_ACTOR } from '@cbm/core';
import { DocumentParent, DocumentService } from '@cbm/documents';
import { UserService } from '@cbm/auth';
import { bearer, startTestSystem, TEST_PASSWORD, TestSystem } from '../support/test-system';
import { readOperations } from '../hostile/openapi-operations';
import { TableChecksum } from '../hostile/table-checksum';
import { NotificationService } from '@cbm/notifications';
import { CommitteeService } from '@cbm/fund';
import { PrivacyService } from '@cbm/privacy';
import { SupportRequestService } from '@cbm/hub';
import { actorOf, buildWorld, Column, COLUMNS, INTERNAL_NOTE, World } from './authz-world';

/** An expected status, or '-' where the role has no scope to be outside of (the cell is the in-scope one). */
type E = number | '-';
type Row = [operation: string, target: string, anon: E, fp: E, hub: E, po: E, fm: E, sc: E, donor: E, admin: E];

/*
 * Columns: anonymous, focal point (KEN), hub officer, partner officer (IOM), fund manager,
 * steering committee, donor (SWE), admin. "in" = an object inside the scoped callers' scope (a KEN
 * request IOM is lead on, IOM's invitation, SWE's contribution, IOM's draft); "out" = one outside
 * (a MEX request ILO leads, ILO's invitation, NOR's contribution, a hub officer's draft).
 * Reading the table: 401 no token; 403 the role may never call the route; 404 the object is out of
 * the caller's scope (never 403: that would confirm it exists); 409/422 a workflow rule refuses a
 * valid request from an allowed caller.
 */
// prettier-ignore
const MATRIX: Row[] = [
  // operation                                                   target        anon  fp   hub  po   fm   sc   donor admin
  ['GET /health/live',                                           '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /health/ready',                                          '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/audit',                                          '',           401, 403, 200, 403, 403, 403, 403, 200],
  ['GET /api/v1/audit/verify',                                   '',           401, 403, 403, 403, 403, 403, 403, 200],
  ['POST /api/v1/audit/checkpoints',                             '',           401, 403, 403, 403, 403, 403, 403, 201],
  ['GET /api/v1/open/checkpoints.jsonl',                         '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/checkpoints/key',                           '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /.well-known/cbm-audit-key',                             '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/reference/objectives',                           '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/reference/principles',                           '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/reference/countries',                            '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/reference/currencies',                           '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/reference/assessment-criteria',                  '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/organisations',                                  '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['POST /api/v1/organisations',                                 '',           401, 403, 403, 403, 403, 403, 403, 201],
  ['GET /api/v1/organisations/{id}',                             '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['PATCH /api/v1/organisations/{id}',                           '',           401, 403, 403, 403, 403, 403, 403, 200],
  ['GET /api/v1/organisations/{id}/capability-profile',          '',           200, 200, 200, 200, 200, 200, 200, 200],
  // a partner officer keeps their own organisation's profile; another organisation's is refused
  ['PUT /api/v1/organisations/{id}/capability-profile',          'in',         401, 403, 403, 200, 403, 403, 403, 200],
  ['PUT /api/v1/organisations/{id}/capability-profile',          'out',        401, 403, 403, 403, 403, 403, 403, '-'],
  ['POST /api/v1/auth/login',                                    '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['POST /api/v1/auth/refresh',                                  '',           200, 200, 200, 200, 200, 200, 200, 200],
  // out: someone else's refresh token is "not valid" for this caller (401), and stays unrevoked
  ['POST /api/v1/auth/logout',                                   'in',         401, 204, 204, 204, 204, 204, 204, 204],
  ['POST /api/v1/auth/logout',                                   'out',        401, 401, 401, 401, 401, 401, 401, 401],
  ['GET /api/v1/auth/me',                                        '',           401, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/users',                                          '',           401, 403, 403, 403, 403, 403, 403, 200],
  ['POST /api/v1/users',                                         '',           401, 403, 403, 403, 403, 403, 403, 201],
  ['GET /api/v1/users/{id}',                                     '',           401, 403, 403, 403, 403, 403, 403, 200],
  ['PATCH /api/v1/users/{id}',                                   '',           401, 403, 403, 403, 403, 403, 403, 200],
  ['POST /api/v1/users/{id}/erasure',                            '',           401, 403, 403, 403, 403, 403, 403, 200],
  ['GET /api/v1/notifications',                                  '',           401, 200, 200, 200, 200, 200, 200, 200],
  // in: the caller's own notification; out: another user's, which is nobody else's business
  ['POST /api/v1/notifications/{id}/read',                       'in',         401, 204, 204, 204, 204, 204, 204, 204],
  ['POST /api/v1/notifications/{id}/read',                       'out',        401, 404, 404, 404, 404, 404, 404, 404],
  ['GET /api/v1/requests',                                       '',           401, 200, 200, 200, 200, 200, 200, 200],
  ['POST /api/v1/requests',                                      '',           401, 201, 403, 403, 403, 403, 403, 403],
  // requests: focal points see their country's, partners those they were invited to, UN and fund
  // staff every non-draft request, donors none
  ['GET /api/v1/requests/{id}',                                  'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}',                                  'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  // drafts: only the requesting country's focal points see them (hence 404, not 403, for everyone else)
  ['PATCH /api/v1/requests/{id}',                                'in',         401, 200, 403, 403, 403, 403, 403, 403],
  ['PATCH /api/v1/requests/{id}',                                'out',        401, 404, 403, 403, 403, 403, 403, 403],
  ['POST /api/v1/requests/{id}/actions/{action}',                'submit:in',  401, 200, 404, 404, 404, 404, 404, 404],
  ['POST /api/v1/requests/{id}/actions/{action}',                'submit:out', 401, 404, 404, 404, 404, 404, 404, 404],
  // start_triage on a submitted request: visible callers of the wrong role get 403, invisible ones 404
  ['POST /api/v1/requests/{id}/actions/{action}',                'triage:in',  401, 403, 200, 404, 403, 403, 404, 403],
  ['POST /api/v1/requests/{id}/actions/{action}',                'triage:out', 401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/requests/{id}/timeline',                         'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/timeline',                         'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  // the findings in a request's text are for the hub's officers (and admins), who see every request
  ['GET /api/v1/requests/{id}/personal-data',                    '',           401, 403, 200, 403, 403, 403, 403, 200],
  ['POST /api/v1/requests/{id}/comments',                        'in',         401, 201, 201, 201, 201, 201, 404, 201],
  ['POST /api/v1/requests/{id}/comments',                        'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  // internal notes are written by UN staff only: 403 for every other role, checked before the request
  // is looked up (so the donor, who cannot see the request, learns nothing from it either)
  ['POST /api/v1/requests/{id}/comments',                        'internal',   401, 403, 201, 403, 403, 403, 403, 201],
  // fund staff and the committee read the assessment of a request with a funding application (the KEN one has one)
  ['GET /api/v1/requests/{id}/assessment',                       '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['PUT /api/v1/requests/{id}/assessment',                       '',           401, 403, 200, 403, 403, 403, 403, 403],
  ['POST /api/v1/requests/{id}/invitations',                     '',           401, 403, 201, 403, 403, 403, 403, 403],
  ['GET /api/v1/requests/{id}/partners',                         'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/partners',                         'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/invitations',                                    '',           401, 403, 200, 200, 403, 403, 403, 403],
  ['POST /api/v1/invitations/{id}/accept',                       'in',         401, 403, 403, 200, 403, 403, 403, 403],
  ['POST /api/v1/invitations/{id}/accept',                       'out',        401, 403, 403, 404, 403, 403, 403, 403],
  ['POST /api/v1/invitations/{id}/decline',                      'in',         401, 403, 403, 200, 403, 403, 403, 403],
  ['POST /api/v1/invitations/{id}/decline',                      'out',        401, 403, 403, 404, 403, 403, 403, 403],
  // ... and its partner matches; the target here has no funding application: 403 for them too
  ['GET /api/v1/requests/{id}/partner-matches',                  '',           401, 403, 200, 403, 403, 403, 403, 403],
  ['GET /api/v1/requests/{id}/implementation-plan',              'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/implementation-plan',              'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['PUT /api/v1/requests/{id}/implementation-plan',              '',           401, 403, 200, 403, 403, 403, 403, 403],
  // the plan's indicators with their actuals: whoever reads the request (figures, no narrative)
  ['GET /api/v1/requests/{id}/results',                          'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/results',                          'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/requests/{id}/reports',                          'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/reports',                          'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['POST /api/v1/requests/{id}/reports',                         'in',         401, 403, 403, 201, 403, 403, 403, 403],
  ['POST /api/v1/requests/{id}/reports',                         'out',        401, 403, 403, 404, 403, 403, 403, 403],
  // IOM only invited (pending) on a request in matching: it sees the request but is not a partner yet
  ['POST /api/v1/requests/{id}/reports',                         'pending',    401, 403, 403, 403, 403, 403, 403, 403],
  ['POST /api/v1/requests/{id}/reports/{reportId}/accept',       '',           401, 403, 200, 403, 403, 403, 403, 403],
  ['POST /api/v1/requests/{id}/reports/{reportId}/return',       '',           401, 403, 200, 403, 403, 403, 403, 403],
  ['GET /api/v1/requests/{id}/similar',                          'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/similar',                          'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/requests/{id}/links',                            'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/links',                            'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['POST /api/v1/requests/{id}/links',                           '',           401, 403, 201, 403, 403, 403, 403, 403],
  ['GET /api/v1/requests/{id}/peer-exchanges',                   'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/peer-exchanges',                   'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['POST /api/v1/requests/{id}/peer-exchanges',                  '',           401, 403, 201, 403, 403, 403, 403, 403],
  ['PATCH /api/v1/requests/{id}/peer-exchanges/{exchangeId}',    '',           401, 403, 200, 403, 403, 403, 403, 403],
  // fund: a donor sees their own contributions only
  ['GET /api/v1/fund/contributions',                             '',           401, 403, 403, 403, 200, 200, 200, 200],
  ['POST /api/v1/fund/contributions',                            '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/contributions/{id}',                        'in',         401, 403, 403, 403, 200, 200, 200, 200],
  ['GET /api/v1/fund/contributions/{id}',                        'out',        401, 403, 403, 403, '-', '-', 404, '-'],
  ['POST /api/v1/fund/contributions/{id}/deposits',              '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['POST /api/v1/fund/contributions/{id}/refunds',               '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/contributions/{id}/tracing',                'in',         401, 403, 403, 403, 200, 200, 200, 200],
  ['GET /api/v1/fund/contributions/{id}/tracing',                'out',        401, 403, 403, 403, '-', '-', 404, '-'],
  ['GET /api/v1/fund/applications',                              '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/applications',                             '',           401, 403, 201, 403, 403, 403, 403, 403],
  ['GET /api/v1/fund/allocations',                               '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/allocations',                              '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/allocations/{id}',                          '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/allocations/{id}/approve',                 '',           401, 403, 403, 403, 403, 200, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/reject',                  '',           401, 403, 403, 403, 403, 200, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/recuse',                  '',           401, 403, 403, 403, 403, 200, 403, 403],
  // the second tranche waits for reported spending: the fund manager's valid release is held (422 FUND_TRANCHE_HELD)
  ['POST /api/v1/fund/allocations/{id}/tranches/{seq}/release',  '',           401, 403, 403, 403, 422, 403, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/revisions',               '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/allocations/{id}/revisions',                '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/allocations/{id}/revisions/{n}/approve',   '',           401, 403, 403, 403, 403, 200, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/revisions/{n}/reject',    '',           401, 403, 403, 403, 403, 200, 403, 403],
  ['GET /api/v1/fund/decisions',                                 '',           401, 403, 403, 403, 200, 200, 403, 200],
  ['GET /api/v1/fund/allocations/{id}/closure',                  '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/allocations/{id}/returns',                  '',           401, 403, 403, 403, 201, 403, 403, 403],
  // in: the KEN allocation whose money went to IOM; out: the MEX allocation, which sent IOM nothing
  ['POST /api/v1/fund/allocations/{id}/financial-statements',     'in',         401, 403, 403, 201, 403, 403, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/financial-statements',     'out',        401, 403, 403, 404, 403, 403, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/suspend',                  '',           401, 403, 403, 403, 200, 403, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/resume',                   '',           401, 403, 403, 403, 200, 403, 403, 403],
  ['POST /api/v1/fund/allocations/{id}/cancel',                   '',           401, 403, 403, 403, 403, 200, 403, 403],
  // the KEN project has no accepted final report: the fund manager's valid closure waits (422 FUND_FINAL_REPORT_PENDING)
  ['POST /api/v1/fund/allocations/{id}/operational-closure',      '',           401, 403, 403, 403, 422, 403, 403, 403],
  // and is not closed operationally: financial closure is not its next step (409 FUND_INVALID_STATE)
  ['POST /api/v1/fund/allocations/{id}/financial-closure',        '',           401, 403, 403, 403, 409, 403, 403, 403],
  // the committee's table: briefs, meetings and their decision packs
  ['GET /api/v1/fund/allocations/{id}/brief',                    '',           401, 403, 403, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/meetings',                                 '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/meetings',                                  '',           401, 403, 403, 403, 200, 200, 403, 200],
  ['GET /api/v1/fund/meetings/{id}',                             '',           401, 403, 403, 403, 200, 200, 403, 200],
  ['PUT /api/v1/fund/meetings/{id}/agenda',                      '',           401, 403, 403, 403, 200, 403, 403, 403],
  ['POST /api/v1/fund/meetings/{id}/pack',                       '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/meetings/{id}/pack.pdf',                    '',           401, 403, 403, 403, 200, 200, 403, 200],
  ['POST /api/v1/fund/transfers',                                '',           401, 403, 403, 403, 201, 403, 403, 403],
  // in: the KEN allocation whose money went to IOM; out: the MEX allocation whose money went to ILO
  ['POST /api/v1/fund/expenditures',                             'in',         401, 403, 403, 201, 403, 403, 403, 403],
  ['POST /api/v1/fund/expenditures',                             'out',        401, 403, 403, 404, 403, 403, 403, 403],
  ['POST /api/v1/fund/journal/{entryId}/reverse',                '',           401, 403, 403, 403, 201, 403, 403, 403],
  ['GET /api/v1/fund/ledger/reconciliation',                     '',           401, 403, 403, 403, 200, 403, 403, 200],
  ['GET /api/v1/fund/summary',                                   '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/fund/projects',                                  '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/fund/results',                                   '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/fund/statements/donors/{organisationId}',        'in',         401, 403, 403, 403, 200, 200, 200, 200],
  ['GET /api/v1/fund/statements/donors/{organisationId}',        'out',        401, 403, 403, 403, '-', '-', 404, '-'],
  ['GET /api/v1/fund/statements/organisations/{organisationId}', 'in',         401, 403, 200, 200, 200, 200, 403, 200],
  ['GET /api/v1/fund/statements/organisations/{organisationId}', 'out',        401, 403, '-', 404, '-', '-', 403, '-'],
  ['GET /api/v1/fund/statements/projects/{requestId}',           '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['GET /api/v1/open/iati/activities.xml',                       '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/iati/organisation.xml',                     '',           200, 200, 200, 200, 200, 200, 200, 200],
  // knowledge back office: partners see what they or their organisation wrote, and what is published
  ['GET /api/v1/knowledge/items',                                '',           401, 403, 200, 200, 403, 403, 403, 200],
  ['POST /api/v1/knowledge/items',                               '',           401, 403, 201, 201, 403, 403, 403, 403],
  ['GET /api/v1/knowledge/items/{id}',                           'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}',                           'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['PATCH /api/v1/knowledge/items/{id}',                         'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['PATCH /api/v1/knowledge/items/{id}',                         'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  // a published item written by a hub officer: visible to IOM, not editable by IOM (403, since it is public)
  ['PATCH /api/v1/knowledge/items/{id}',                         'published',  401, 403, '-', 403, 403, 403, 403, '-'],
  ['POST /api/v1/knowledge/items/{id}/actions/{action}',         'submit:in',  401, 403, 200, 200, 403, 403, 403, 200],
  ['POST /api/v1/knowledge/items/{id}/actions/{action}',         'submit:out', 401, 403, '-', 404, 403, 403, 403, '-'],
  // publishing is for reviewers (hub officers, admins) who are not the author
  ['POST /api/v1/knowledge/items/{id}/actions/{action}',         'publish',    401, 403, 200, 403, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/reviews',                   'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/reviews',                   'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['POST /api/v1/knowledge/items/{id}/reviews',                  '',           401, 403, 201, 403, 403, 403, 403, 201],
  // personal-data findings: read by whoever sees the item's drafts; overridden by reviewers (not the author)
  ['GET /api/v1/knowledge/items/{id}/personal-data',             'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/personal-data',             'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['POST /api/v1/knowledge/items/{id}/personal-data/{findingId}/override', '', 401, 403, 200, 403, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/versions',                  'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/versions',                  'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['GET /api/v1/knowledge/items/{id}/diff',                      'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/diff',                      'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['GET /api/v1/knowledge/items/{id}/versions/{version}',        'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/versions/{version}',        'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['POST /api/v1/knowledge/imports',                             '',           401, 403, 200, 403, 403, 403, 403, 403],
  ['GET /api/v1/open/knowledge',                                 '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/knowledge.csv',                             '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/knowledge.jsonl',                           '',           200, 200, 200, 200, 200, 200, 200, 200],
  // open data: published items for everyone; a draft is not there, whoever asks
  ['GET /api/v1/open/knowledge/{id}',                            'in',         200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/knowledge/{id}',                            'out',        404, 404, 404, 404, 404, 404, 404, 404],
  ['GET /api/v1/open/catalog.jsonld',                            '',           200, 200, 200, 200, 200, 200, 200, 200],
  // the mechanism's dashboard: hub management, fund staff, the committee; the same aggregates as open data
  ['GET /api/v1/dashboard/mechanism',                            '',           401, 403, 200, 403, 200, 200, 403, 200],
  ['GET /api/v1/open/mechanism.json',                            '',           200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/mechanism.csv',                             '',           200, 200, 200, 200, 200, 200, 200, 200],
  // documents: visible exactly to those who see the parent (404 otherwise), attached by those who may change it.
  // in: on the KEN request IOM leads; out: on the MEX request ILO leads
  ['POST /api/v1/requests/{id}/documents',                       'in',         401, 201, 201, 403, 403, 403, 404, 201],
  ['POST /api/v1/requests/{id}/documents',                       'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/requests/{id}/documents',                        'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/documents',                        'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  // IOM's report on the KEN request; out: the same report under the MEX request's URL
  ['POST /api/v1/requests/{id}/reports/{reportId}/documents',    'in',         401, 403, 201, 201, 403, 403, 404, 201],
  ['POST /api/v1/requests/{id}/reports/{reportId}/documents',    'out',        401, 404, 404, 404, 404, 404, 404, 404],
  ['GET /api/v1/requests/{id}/reports/{reportId}/documents',     'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/reports/{reportId}/documents',     'out',        401, 404, 404, 404, 404, 404, 404, 404],
  // the KEN focal point's answer to an information request (a KEN request IOM is not on); out: under the MEX request's URL
  ['POST /api/v1/requests/{id}/timeline/{entryId}/documents',    'in',         401, 201, 201, 404, 403, 403, 404, 201],
  ['POST /api/v1/requests/{id}/timeline/{entryId}/documents',    'out',        401, 404, 404, 404, 404, 404, 404, 404],
  ['GET /api/v1/requests/{id}/timeline/{entryId}/documents',     'in',         401, 200, 200, 404, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/timeline/{entryId}/documents',     'out',        401, 404, 404, 404, 404, 404, 404, 404],
  // the plan of the KEN / MEX request in implementation: hub staff attach, whoever sees the request reads
  ['POST /api/v1/requests/{id}/implementation-plan/documents',   'in',         401, 403, 201, 403, 403, 403, 404, 201],
  ['POST /api/v1/requests/{id}/implementation-plan/documents',   'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/requests/{id}/implementation-plan/documents',    'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/requests/{id}/implementation-plan/documents',    'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  // a committee decision of the register: fund staff read, the fund manager attaches (signed minutes)
  ['POST /api/v1/fund/decisions/{id}/documents',                 '',           401, 403, 403, 403, 201, 403, 403, 201],
  ['GET /api/v1/fund/decisions/{id}/documents',                  '',           401, 403, 403, 403, 200, 200, 403, 200],
  // in: SWE's contribution (the donor's); out: NOR's
  ['POST /api/v1/fund/contributions/{id}/documents',             'in',         401, 403, 403, 403, 201, 403, 403, 201],
  ['POST /api/v1/fund/contributions/{id}/documents',             'out',        401, 403, 403, 403, '-', 403, 403, '-'],
  ['GET /api/v1/fund/contributions/{id}/documents',              'in',         401, 403, 403, 403, 200, 200, 200, 200],
  ['GET /api/v1/fund/contributions/{id}/documents',              'out',        401, 403, 403, 403, '-', '-', 404, '-'],
  // in: IOM's draft; out: a hub officer's draft; published: no more attaching, whoever asks
  ['POST /api/v1/knowledge/items/{id}/documents',                'in',         401, 403, 201, 201, 403, 403, 403, 201],
  ['POST /api/v1/knowledge/items/{id}/documents',                'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  ['POST /api/v1/knowledge/items/{id}/documents',                'published',  401, 403, 403, 403, 403, 403, 403, 403],
  ['GET /api/v1/knowledge/items/{id}/documents',                 'in',         401, 403, 200, 200, 403, 403, 403, 200],
  ['GET /api/v1/knowledge/items/{id}/documents',                 'out',        401, 403, '-', 404, 403, 403, 403, '-'],
  // a document: in/out as its request; contribution: SWE's agreement (fund staff and SWE only)
  ['GET /api/v1/documents/{id}',                                 'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/documents/{id}',                                 'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/documents/{id}',                                 'contribution', 401, 404, 404, 404, 200, 200, 200, 200],
  ['GET /api/v1/documents/{id}/content',                         'in',         401, 200, 200, 200, 200, 200, 404, 200],
  ['GET /api/v1/documents/{id}/content',                         'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  ['GET /api/v1/documents/{id}/content',                         'contribution', 401, 404, 404, 404, 200, 200, 200, 200],
  // the KEN focal point's upload: deleted by its uploader or a hub officer (admin); readers only read
  ['DELETE /api/v1/documents/{id}',                              'in',         401, 204, 204, 403, 403, 403, 404, 204],
  ['DELETE /api/v1/documents/{id}',                              'out',        401, 404, '-', 404, '-', '-', 404, '-'],
  // anonymous: the resources of a published item; a draft's are not there, whoever asks
  ['GET /api/v1/open/knowledge/{id}/documents',                  'in',         200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/knowledge/{id}/documents',                  'out',        404, 404, 404, 404, 404, 404, 404, 404],
  ['GET /api/v1/open/knowledge/{id}/documents/{documentId}/content', 'in',     200, 200, 200, 200, 200, 200, 200, 200],
  ['GET /api/v1/open/knowledge/{id}/documents/{documentId}/content', 'out',    404, 404, 404, 404, 404, 404, 404, 404],
];

interface Req {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number>;
  /** Text of the object that a refused caller must not receive. */
  secret?: string;
  /** A multipart upload: the part `file`. */
  file?: { name: string; bytes: Buffer };
}

type Builder = (w: World, target: string, col: Column, fresh: boolean) => Promise<Req>;

const V = '/api/v1';
const idem = () => ({ 'idempotency-key': `authz-${randomBytes(8).toString('hex')}` });
const usd = (amount: string) => ({ amount, currency: 'USD' });
const scoped = (target: string) => target.endsWith('out');

async function version(w: World, table: 'support_request' | 'knowledge_item', id: string): Promise<string> {
  const [row] = await w.sys.app.get(Database).manager.query(`SELECT version FROM ${table} WHERE id = $1`, [id]);
  return String(row.version);
}

/** A request on a scoped request: KEN one IOM leads (in) or MEX one ILO leads (out). */
const onRequest =
  (suffix = ''): Builder =>
  async (w, t) => {
    const id = scoped(t) ? w.req.mexImpl : w.req.kenImpl;
    return { path: `${V}/requests/${id}${suffix}`, secret: scoped(t) ? w.titles[id] : undefined };
  };
const onItem =
  (suffix = ''): Builder =>
  async (w, t) => {
    const id = scoped(t) ? w.knowledge.hubDraft : w.knowledge.iomDraft;
    return { path: `${V}/knowledge/items/${id}${suffix}`, secret: scoped(t) ? w.titles[id] : undefined };
  };
const plain =
  (path: string): Builder =>
  async () => ({ path });

/** A committee meeting with this agenda, called by the fund manager through the service. */
async function meeting(w: World, allocationIds: string[]): Promise<string> {
  const m = await w.sys.app
    .get(CommitteeService)
    .create(actorOf(w.users.fm), { title: 'Authz meeting', date: '2026-06-01', allocationIds });
  return m.id;
}

/**
 * One meeting with a proposal on its agenda and a generated pack, made once (on a MEX request, so that
 * the KEN request's similar requests still show another country's), before the first cell that uses it.
 */
let packed: Promise<{ meeting: string; proposal: string }> | undefined;
function meetingWithPack(w: World): Promise<{ meeting: string; proposal: string }> {
  packed ??= (async () => {
    const proposal = await w.fresh.proposal(await w.fresh.request('MEX', 'setup', 'ILO'));
    const id = await meeting(w, [proposal]);
    await w.sys.app.get(CommitteeService).generatePack(actorOf(w.users.fm), id);
    return { meeting: id, proposal };
  })();
  return packed;
}

const letter = () => ({
  name: 'letter.pdf',
  bytes: Buffer.from(`%PDF-1.7\n${randomBytes(64).toString('hex')}\n%%EOF\n`),
});

/** A KEN request whose information request the KEN focal point answered, made once with the world. */
let answer: Promise<{ requestId: string; entryId: string }> | undefined;
function answered(w: World) {
  answer ??= (async () => {
    const requestId = await w.fresh.request('KEN', 'submitted');
    const requests = w.sys.app.get(SupportRequestService);
    await requests.act(actorOf(w.users.hub), requestId, 'start_triage', {});
    await requests.act(actorOf(w.users.hub), requestId, 'request_info', { question: 'Which counties?' });
    await requests.act(actorOf(w.users.fp), requestId, 'provide_info', {
      answer: 'Kisumu and Mombasa; letter attached.',
    });
    const [entry] = await w.sys.app
      .get(Database)
      .manager.query(`SELECT id FROM request_timeline_entry WHERE request_id = $1 AND action = 'provide_info'`, [
        requestId,
      ]);
    return { requestId, entryId: entry.id as string };
  })();
  return answer;
}

/** An entry of the world's decision register. */
async function aDecision(w: World): Promise<string> {
  const [row] = await w.sys.app.get(Database).manager.query(`SELECT id FROM fund_decision ORDER BY id LIMIT 1`);
  return row.id;
}

/** A document uploaded through the service, as `user`, on `parent`. */
async function attach(w: World, user: Column, parent: DocumentParent): Promise<string> {
  const f = letter();
  const view = await w.sys.app.get(DocumentService).upload(actorOf(w.users[user as Exclude<Column, 'anon'>]), parent, {
    fileName: f.name,
    stream: Readable.from([f.bytes]),
    end: async () => undefined,
    discard: () => undefined,
  });
  return view.id;
}

/**
 * Documents on the world's records, made once with the world: on the KEN and MEX requests, SWE's
 * contribution, the hub officer's draft and the published item (copied there in SQL: a published
 * item takes no new files).
 */
let attached: Promise<Record<'ken' | 'mex' | 'swe' | 'hubDraft' | 'published', string>> | undefined;
function documents(w: World) {
  attached ??= (async () => {
    const published = newId();
    await w.sys.app.get(Database).manager.query(
      `INSERT INTO document (id, parent_type, parent_id, kind, name, media_type, size, sha256, uploaded_by_id, uploaded_at)
       SELECT $1, 'knowledge_item', $2, 'resource', name, media_type, size, sha256, uploaded_by_id, uploaded_at
       FROM document WHERE id = $3`,
      [published, w.knowledge.published, await attach(w, 'po', { type: 'knowledge_item', id: w.knowledge.iomDraft })],
    );
    return {
      ken: await attach(w, 'fp', { type: 'request', id: w.req.kenImpl }),
      mex: await attach(w, 'hub', { type: 'request', id: w.req.mexImpl }),
      swe: await attach(w, 'fm', { type: 'contribution', id: w.contribution.swe }),
      hubDraft: await attach(w, 'hub', { type: 'knowledge_item', id: w.knowledge.hubDraft }),
      published,
    };
  })();
  return attached;
}

const BUILDERS: Record<string, Builder> = {
  'POST /api/v1/requests/{id}/documents': async (w, t) => ({
    ...(await onRequest('/documents')(w, t, 'fp', false)),
    query: { kind: 'concept_note' },
    file: letter(),
  }),
  'GET /api/v1/requests/{id}/documents': onRequest('/documents'),
  'POST /api/v1/requests/{id}/reports/{reportId}/documents': async (w, t) => ({
    path: `${V}/requests/${scoped(t) ? w.req.mexImpl : w.req.kenImpl}/reports/${w.report}/documents`,
    file: letter(),
  }),
  'GET /api/v1/requests/{id}/reports/{reportId}/documents': async (w, t) => ({
    path: `${V}/requests/${scoped(t) ? w.req.mexImpl : w.req.kenImpl}/reports/${w.report}/documents`,
  }),
  'POST /api/v1/requests/{id}/timeline/{entryId}/documents': async (w, t) => {
    const a = await answered(w);
    return {
      path: `${V}/requests/${scoped(t) ? w.req.mexImpl : a.requestId}/timeline/${a.entryId}/documents`,
      query: { kind: 'information_answer' },
      file: letter(),
    };
  },
  'GET /api/v1/requests/{id}/timeline/{entryId}/documents': async (w, t) => {
    const a = await answered(w);
    return { path: `${V}/requests/${scoped(t) ? w.req.mexImpl : a.requestId}/timeline/${a.entryId}/documents` };
  },
  'POST /api/v1/requests/{id}/implementation-plan/documents': async (w, t) => ({
    ...(await onRequest('/implementation-plan/documents')(w, t, 'hub', false)),
    query: { kind: 'project_document' },
    file: letter(),
  }),
  'GET /api/v1/requests/{id}/implementation-plan/documents': onRequest('/implementation-plan/documents'),
  'POST /api/v1/fund/decisions/{id}/documents': async (w) => ({
    path: `${V}/fund/decisions/${await aDecision(w)}/documents`,
    query: { kind: 'signed_minutes' },
    file: letter(),
  }),
  'GET /api/v1/fund/decisions/{id}/documents': async (w) => ({
    path: `${V}/fund/decisions/${await aDecision(w)}/documents`,
  }),
  'POST /api/v1/fund/contributions/{id}/documents': async (w, t) => ({
    path: `${V}/fund/contributions/${scoped(t) ? w.contribution.nor : w.contribution.swe}/documents`,
    query: { kind: 'contribution_agreement' },
    file: letter(),
  }),
  'GET /api/v1/fund/contributions/{id}/documents': async (w, t) => ({
    path: `${V}/fund/contributions/${scoped(t) ? w.contribution.nor : w.contribution.swe}/documents`,
  }),
  'POST /api/v1/knowledge/items/{id}/documents': async (w, t) =>
    t === 'published'
      ? { path: `${V}/knowledge/items/${w.knowledge.published}/documents`, file: letter() }
      : { ...(await onItem('/documents')(w, t, 'po', false)), file: letter() },
  'GET /api/v1/knowledge/items/{id}/documents': onItem('/documents'),
  'GET /api/v1/documents/{id}': async (w, t) => {
    const d = await documents(w);
    return { path: `${V}/documents/${t === 'contribution' ? d.swe : scoped(t) ? d.mex : d.ken}` };
  },
  'GET /api/v1/documents/{id}/content': async (w, t) => {
    const d = await documents(w);
    return { path: `${V}/documents/${t === 'contribution' ? d.swe : scoped(t) ? d.mex : d.ken}/content` };
  },
  'DELETE /api/v1/documents/{id}': async (w, t, _c, fresh) => {
    const d = await documents(w);
    const id = scoped(t) ? d.mex : fresh ? await attach(w, 'fp', { type: 'request', id: w.req.kenImpl }) : d.ken;
    return { path: `${V}/documents/${id}` };
  },
  'GET /api/v1/open/knowledge/{id}/documents': async (w, t) => ({
    path: `${V}/open/knowledge/${scoped(t) ? w.knowledge.hubDraft : w.knowledge.published}/documents`,
  }),
  'GET /api/v1/open/knowledge/{id}/documents/{documentId}/content': async (w, t) => {
    const d = await documents(w);
    return {
      path: scoped(t)
        ? `${V}/open/knowledge/${w.knowledge.hubDraft}/documents/${d.hubDraft}/content`
        : `${V}/open/knowledge/${w.knowledge.published}/documents/${d.published}/content`,
    };
  },
  'GET /health/live': plain('/health/live'),
  'GET /health/ready': plain('/health/ready'),
  'GET /api/v1/audit': plain(`${V}/audit`),
  'GET /api/v1/audit/verify': plain(`${V}/audit/verify`),
  'POST /api/v1/audit/checkpoints': plain(`${V}/audit/checkpoints`),
  'GET /api/v1/open/checkpoints.jsonl': plain(`${V}/open/checkpoints.jsonl`),
  'GET /api/v1/open/checkpoints/key': plain(`${V}/open/checkpoints/key`),
  'GET /.well-known/cbm-audit-key': plain('/.well-known/cbm-audit-key'),
  'GET /api/v1/reference/objectives': plain(`${V}/reference/objectives`),
  'GET /api/v1/reference/principles': plain(`${V}/reference/principles`),
  'GET /api/v1/reference/countries': plain(`${V}/reference/countries`),
  'GET /api/v1/reference/currencies': plain(`${V}/reference/currencies`),
  'GET /api/v1/reference/assessment-criteria': plain(`${V}/reference/assessment-criteria`),
  'GET /api/v1/organisations': plain(`${V}/organisations`),
  'POST /api/v1/organisations': async () => ({
    path: `${V}/organisations`,
    body: {
      name: 'Authz Foundation',
      acronym: `AZ${randomBytes(2).toString('hex').toUpperCase()}`,
      type: 'foundation',
    },
  }),
  'GET /api/v1/organisations/{id}': async (w) => ({ path: `${V}/organisations/${w.org.IOM}` }),
  'PATCH /api/v1/organisations/{id}': async (w) => ({
    path: `${V}/organisations/${w.org.UNDP}`,
    body: { website: 'https://www.undp.org' },
  }),
  'GET /api/v1/organisations/{id}/capability-profile': async (w) => ({
    path: `${V}/organisations/${w.org.IOM}/capability-profile`,
  }),
  'PUT /api/v1/organisations/{id}/capability-profile': async (w, t) => ({
    path: `${V}/organisations/${scoped(t) ? w.org.ILO : w.org.IOM}/capability-profile`,
    body: {
      objectives: [
        { objective: 21, level: 3 },
        { objective: 6, level: 2 },
      ],
      countries: ['KEN'],
      regions: ['Eastern Africa'],
      thematicAreas: ['reintegration'],
    },
  }),
  'POST /api/v1/auth/login': async (w) => ({
    path: `${V}/auth/login`,
    body: { email: w.helpers.loginUser.email, password: TEST_PASSWORD },
  }),
  'POST /api/v1/auth/refresh': async (w) => ({
    path: `${V}/auth/refresh`,
    body: { refreshToken: (await w.sys.login(w.helpers.loginUser.email)).refreshToken },
  }),
  'POST /api/v1/auth/logout': async (w, t, col) => {
    const owner = scoped(t) || col === 'anon' ? w.helpers.loginUser : w.users[col as Exclude<Column, 'anon'>];
    return { path: `${V}/auth/logout`, body: { refreshToken: (await w.sys.login(owner.email)).refreshToken } };
  },
  'GET /api/v1/auth/me': plain(`${V}/auth/me`),
  'GET /api/v1/users': plain(`${V}/users`),
  'POST /api/v1/users': async () => ({
    path: `${V}/users`,
    body: {
      email: `new.${randomBytes(3).toString('hex')}@test.example.org`,
      name: 'New User',
      password: 'new-user-password-2026',
      role: 'hub_officer',
    },
  }),
  'GET /api/v1/users/{id}': async (w) => ({ path: `${V}/users/${w.helpers.loginUser.id}` }),
  'PATCH /api/v1/users/{id}': async (w) => ({
    path: `${V}/users/${w.helpers.loginUser.id}`,
    body: { name: 'Renamed Login User' },
  }),
  // the admin's cell erases a user of its own; the refused cells aim at the login user, who stays
  'POST /api/v1/users/{id}/erasure': async (w, _t, _c, fresh) => ({
    path: `${V}/users/${
      fresh
        ? (
            await w.sys.app.get(UserService).create(SYSTEM_ACTOR, {
              email: `erasable.${randomBytes(3).toString('hex')}@test.example.org`,
              name: 'Erasable User',
              password: TEST_PASSWORD,
              role: 'hub_officer',
            })
          ).id
        : w.helpers.loginUser.id
    }/erasure`,
    body: { reason: 'erasure requested by the person (authorisation matrix)' },
  }),
  'GET /api/v1/notifications': plain(`${V}/notifications`),
  'POST /api/v1/notifications/{id}/read': async (w, t, col) => {
    const own = col === 'anon' ? w.notification.fp : w.notification[col];
    const other = col === 'fp' ? w.notification.hub : w.notification.fp;
    return { path: `${V}/notifications/${scoped(t) ? other : own}/read` };
  },
  'GET /api/v1/requests': plain(`${V}/requests`),
  'POST /api/v1/requests': async () => ({
    path: `${V}/requests`,
    body: { title: 'Authz new request', objectives: [21], supportTypes: ['technical_assistance'] },
  }),
  'GET /api/v1/requests/{id}': onRequest(),
  'PATCH /api/v1/requests/{id}': async (w, t) => {
    const id = scoped(t) ? w.req.mexDraft : w.req.kenDraft;
    return {
      path: `${V}/requests/${id}`,
      headers: { 'if-match': await version(w, 'support_request', id) },
      body: { summary: 'Edited through the matrix.' },
      secret: scoped(t) ? w.titles[id] : undefined,
    };
  },
  'POST /api/v1/requests/{id}/actions/{action}': async (w, t, _c, fresh) => {
    const [action, scope] = t.split(':');
    let id: string;
    if (action === 'submit')
      id = scope === 'out' ? w.req.mexDraft : fresh ? await w.fresh.draft('KEN') : w.req.kenDraft2;
    else
      id =
        scope === 'out' ? w.req.mexSubmitted : fresh ? await w.fresh.request('KEN', 'submitted') : w.req.kenSubmitted;
    const name = action === 'submit' ? 'submit' : 'start_triage';
    return {
      path: `${V}/requests/${id}/actions/${name}`,
      headers: { 'if-match': await version(w, 'support_request', id) },
      body: {},
      secret: scope === 'out' ? w.titles[id] : undefined,
    };
  },
  'GET /api/v1/requests/{id}/timeline': onRequest('/timeline'),
  'GET /api/v1/requests/{id}/personal-data': onRequest('/personal-data'),
  'POST /api/v1/requests/{id}/comments': async (w, t, c) => ({
    ...(await onRequest('/comments')(w, t, c, false)),
    body:
      t === 'internal'
        ? { body: 'An internal note from the matrix.', internal: true }
        : { body: 'A comment from the matrix.' },
  }),
  'GET /api/v1/requests/{id}/assessment': async (w) => ({ path: `${V}/requests/${w.req.kenImpl}/assessment` }),
  'PUT /api/v1/requests/{id}/assessment': async (w, _t, _c, fresh) => {
    const id = fresh ? await w.fresh.request('KEN', 'in_assessment') : w.req.kenSubmitted;
    const { ReferenceService } = await import('@cbm/reference');
    return {
      path: `${V}/requests/${id}/assessment`,
      body: w.fresh.assessment(
        w.sys.app
          .get(ReferenceService)
          .assessmentCriteria()
          .map((c) => c.code),
      ),
    };
  },
  'POST /api/v1/requests/{id}/invitations': async (w) => ({
    path: `${V}/requests/${w.req.kenMatch}/invitations`,
    body: { organisationId: w.org.UNDP, role: 'participating' },
  }),
  'GET /api/v1/requests/{id}/partners': onRequest('/partners'),
  'GET /api/v1/invitations': plain(`${V}/invitations`),
  'POST /api/v1/invitations/{id}/accept': async (w, t, _c, fresh) => ({
    path: `${V}/invitations/${scoped(t) ? w.invitation.iloPending : fresh ? await w.fresh.iomInvitation() : w.invitation.iomPending}/accept`,
  }),
  'POST /api/v1/invitations/{id}/decline': async (w, t, _c, fresh) => ({
    path: `${V}/invitations/${scoped(t) ? w.invitation.iloPending : fresh ? await w.fresh.iomInvitation() : w.invitation.iomPending2}/decline`,
    body: { reason: 'No capacity this year.' },
  }),
  'GET /api/v1/requests/{id}/partner-matches': async (w) => ({
    path: `${V}/requests/${w.req.kenMatch}/partner-matches`,
  }),
  'GET /api/v1/requests/{id}/implementation-plan': onRequest('/implementation-plan'),
  'PUT /api/v1/requests/{id}/implementation-plan': async (w, _t, _c, fresh) => ({
    path: `${V}/requests/${fresh ? await w.fresh.request('KEN', 'setup') : w.req.kenMatch}/implementation-plan`,
    body: w.fresh.planBody('IOM', false),
  }),
  'GET /api/v1/requests/{id}/reports': onRequest('/reports'),
  'GET /api/v1/requests/{id}/results': onRequest('/results'),
  'POST /api/v1/requests/{id}/reports': async (w, t, c) => ({
    ...(t === 'pending'
      ? { path: `${V}/requests/${w.req.kenMatch}/reports` }
      : await onRequest('/reports')(w, t, c, false)),
    body: {
      kind: 'progress',
      period: '2027-H2',
      narrative: 'Desks open in two counties.',
      milestoneUpdates: [{ code: 'M1', status: 'done', note: '' }],
    },
  }),
  'POST /api/v1/requests/{id}/reports/{reportId}/accept': async (w, _t, _c, fresh) => ({
    path: `${V}/requests/${w.req.kenImpl}/reports/${fresh ? await w.fresh.report() : w.report}/accept`,
    body: { reason: 'Complete.' },
  }),
  'POST /api/v1/requests/{id}/reports/{reportId}/return': async (w, _t, _c, fresh) => ({
    path: `${V}/requests/${w.req.kenImpl}/reports/${fresh ? await w.fresh.report() : w.report}/return`,
    body: { reason: 'Add the county figures.' },
  }),
  'GET /api/v1/requests/{id}/similar': onRequest('/similar'),
  'GET /api/v1/requests/{id}/links': onRequest('/links'),
  'POST /api/v1/requests/{id}/links': async (w) => ({
    path: `${V}/requests/${w.req.kenImpl}/links`,
    body: { targetType: 'knowledge_item', targetId: w.knowledge.published, relation: 'related' },
  }),
  'GET /api/v1/requests/{id}/peer-exchanges': onRequest('/peer-exchanges'),
  'POST /api/v1/requests/{id}/peer-exchanges': async (w) => ({
    path: `${V}/requests/${w.req.kenImpl}/peer-exchanges`,
    body: { peerCountryCode: 'PHL', topic: 'Pre-departure orientation', plannedActivities: 'An online exchange.' },
  }),
  'PATCH /api/v1/requests/{id}/peer-exchanges/{exchangeId}': async (w) => ({
    path: `${V}/requests/${w.req.kenImpl}/peer-exchanges/${w.exchange}`,
    body: { plannedActivities: 'A study visit and an online exchange.' },
  }),
  'GET /api/v1/fund/contributions': plain(`${V}/fund/contributions`),
  'POST /api/v1/fund/contributions': async (w) => ({
    path: `${V}/fund/contributions`,
    body: { contributorId: w.org.SWE, pledgedAt: '2026-03-01', amount: usd('1000000'), earmark: { type: 'none' } },
  }),
  'GET /api/v1/fund/contributions/{id}': async (w, t) => ({
    path: `${V}/fund/contributions/${scoped(t) ? w.contribution.nor : w.contribution.swe}`,
  }),
  'POST /api/v1/fund/contributions/{id}/deposits': async (w) => ({
    path: `${V}/fund/contributions/${w.contribution.swe}/deposits`,
    headers: idem(),
    body: { receivedAt: '2026-03-02', amount: usd('1000'), usdAmount: usd('1000') },
  }),
  'POST /api/v1/fund/contributions/{id}/refunds': async (w) => ({
    path: `${V}/fund/contributions/${w.contribution.swe}/refunds`,
    headers: idem(),
    body: {
      amount: usd('1000'),
      reason: 'Over-deposit returned.',
      reference: `AUTHZ-REF-${randomBytes(3).toString('hex')}`,
    },
  }),
  'GET /api/v1/fund/contributions/{id}/tracing': async (w, t) => ({
    path: `${V}/fund/contributions/${scoped(t) ? w.contribution.nor : w.contribution.swe}/tracing`,
  }),
  'GET /api/v1/fund/applications': plain(`${V}/fund/applications`),
  'POST /api/v1/fund/applications': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/applications`,
    body: {
      requestId: fresh ? await w.fresh.request('KEN', 'setup') : w.req.kenMatch,
      amount: usd('1000000'),
      justification: 'Seed funding.',
    },
  }),
  'GET /api/v1/fund/allocations': plain(`${V}/fund/allocations`),
  'POST /api/v1/fund/allocations': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations`,
    body: {
      applicationId: fresh ? await w.fresh.application() : w.allocation.ken,
      amount: usd('1000000'),
      durationMonths: 12,
      tranches: [{ amount: usd('1000000'), condition: 'on_approval' }],
    },
  }),
  'GET /api/v1/fund/allocations/{id}': async (w) => ({ path: `${V}/fund/allocations/${w.allocation.ken}` }),
  'POST /api/v1/fund/allocations/{id}/approve': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.proposal() : w.allocation.ken}/approve`,
    body: { decisionRef: 'SC-AUTHZ-2' },
  }),
  'POST /api/v1/fund/allocations/{id}/reject': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.proposal() : w.allocation.ken}/reject`,
    body: { decisionRef: 'SC-AUTHZ-3' },
  }),
  'POST /api/v1/fund/allocations/{id}/recuse': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.proposal() : w.allocation.ken}/recuse`,
    body: { note: 'My organisation advised on this request.' },
  }),
  'POST /api/v1/fund/allocations/{id}/tranches/{seq}/release': async (w) => ({
    path: `${V}/fund/allocations/${w.allocation.ken}/tranches/2/release`,
    body: { evidenceRef: 'REPORT-2027-H1' },
  }),
  'POST /api/v1/fund/allocations/{id}/revisions': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.proposal(undefined, true) : w.allocation.ken}/revisions`,
    body: { reason: 'The national elections delayed the training.', endsOn: '2040-01-01' },
  }),
  'GET /api/v1/fund/allocations/{id}/revisions': async (w) => ({
    path: `${V}/fund/allocations/${w.allocation.ken}/revisions`,
  }),
  'POST /api/v1/fund/allocations/{id}/revisions/{n}/approve': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.revision() : w.allocation.ken}/revisions/1/approve`,
    body: { decisionRef: 'SC-AUTHZ-4' },
  }),
  'POST /api/v1/fund/allocations/{id}/revisions/{n}/reject': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.revision() : w.allocation.ken}/revisions/1/reject`,
    body: { decisionRef: 'SC-AUTHZ-5' },
  }),
  'GET /api/v1/fund/decisions': plain(`${V}/fund/decisions`),
  'GET /api/v1/fund/allocations/{id}/closure': async (w) => ({
    path: `${V}/fund/allocations/${w.allocation.ken}/closure`,
  }),
  'POST /api/v1/fund/allocations/{id}/returns': async (w) => ({
    path: `${V}/fund/allocations/${w.allocation.ken}/returns`,
    headers: idem(),
    body: { organisationId: w.org.IOM, amount: usd('100'), reason: 'Unspent balance.' },
  }),
  'POST /api/v1/fund/allocations/{id}/financial-statements': async (w, t) => ({
    path: `${V}/fund/allocations/${scoped(t) ? w.allocation.mex : w.allocation.ken}/financial-statements`,
    body: { spent: usd('1000'), costCategories: [{ category: 'staff', amount: usd('1000') }] },
  }),
  'POST /api/v1/fund/allocations/{id}/suspend': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.fundedAllocation() : w.allocation.ken}/suspend`,
    body: { reason: 'Audit finding.' },
  }),
  'POST /api/v1/fund/allocations/{id}/resume': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.suspendedAllocation() : w.allocation.ken}/resume`,
    body: { reason: 'Audit cleared.' },
  }),
  'POST /api/v1/fund/allocations/{id}/cancel': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/allocations/${fresh ? await w.fresh.suspendedAllocation() : w.allocation.ken}/cancel`,
    body: { reason: 'Audit confirmed.', decisionRef: 'SC-AUTHZ-9' },
  }),
  'POST /api/v1/fund/allocations/{id}/operational-closure': async (w) => ({
    path: `${V}/fund/allocations/${w.allocation.ken}/operational-closure`,
    body: { reason: 'Final report accepted.' },
  }),
  'POST /api/v1/fund/allocations/{id}/financial-closure': async (w) => ({
    path: `${V}/fund/allocations/${w.allocation.ken}/financial-closure`,
    body: { reason: 'Statements certified.' },
  }),
  'GET /api/v1/fund/allocations/{id}/brief': async (w) => ({ path: `${V}/fund/allocations/${w.allocation.ken}/brief` }),
  'POST /api/v1/fund/meetings': async () => ({
    path: `${V}/fund/meetings`,
    body: { title: 'Authz meeting', date: '2026-06-01' },
  }),
  'GET /api/v1/fund/meetings': plain(`${V}/fund/meetings`),
  'GET /api/v1/fund/meetings/{id}': async (w) => ({ path: `${V}/fund/meetings/${(await meetingWithPack(w)).meeting}` }),
  // a refused cell sends the agenda the meeting has (valid, nothing new made); the allowed one a fresh meeting
  'PUT /api/v1/fund/meetings/{id}/agenda': async (w, _t, _c, fresh) => {
    const m = await meetingWithPack(w);
    return fresh
      ? {
          path: `${V}/fund/meetings/${await meeting(w, [])}/agenda`,
          body: { allocationIds: [await w.fresh.proposal()] },
        }
      : { path: `${V}/fund/meetings/${m.meeting}/agenda`, body: { allocationIds: [m.proposal] } };
  },
  'POST /api/v1/fund/meetings/{id}/pack': async (w, _t, _c, fresh) => ({
    path: `${V}/fund/meetings/${fresh ? await meeting(w, [await w.fresh.proposal()]) : (await meetingWithPack(w)).meeting}/pack`,
  }),
  'GET /api/v1/fund/meetings/{id}/pack.pdf': async (w) => ({
    path: `${V}/fund/meetings/${(await meetingWithPack(w)).meeting}/pack.pdf`,
  }),
  'POST /api/v1/fund/transfers': async (w) => ({
    path: `${V}/fund/transfers`,
    headers: idem(),
    body: { allocationId: w.allocation.ken, organisationId: w.org.IOM, amount: usd('1000') },
  }),
  'POST /api/v1/fund/expenditures': async (w, t) => ({
    path: `${V}/fund/expenditures`,
    headers: idem(),
    body: {
      allocationId: scoped(t) ? w.allocation.mex : w.allocation.ken,
      periodEnd: '2027-06-30',
      amount: usd('1000'),
    },
  }),
  'POST /api/v1/fund/journal/{entryId}/reverse': async (w) => ({
    path: `${V}/fund/journal/${await w.fresh.transferEntry()}/reverse`,
    headers: idem(),
    body: { reference: `AUTHZ-REV-${randomBytes(3).toString('hex')}`, reason: 'Sent twice.' },
  }),
  'GET /api/v1/fund/ledger/reconciliation': plain(`${V}/fund/ledger/reconciliation`),
  'GET /api/v1/fund/summary': plain(`${V}/fund/summary`),
  'GET /api/v1/fund/projects': plain(`${V}/fund/projects`),
  'GET /api/v1/fund/results': plain(`${V}/fund/results?by=country`),
  'GET /api/v1/fund/statements/donors/{organisationId}': async (w, t) => ({
    path: `${V}/fund/statements/donors/${scoped(t) ? w.org.NOR : w.org.SWE}`,
  }),
  'GET /api/v1/fund/statements/organisations/{organisationId}': async (w, t) => ({
    path: `${V}/fund/statements/organisations/${scoped(t) ? w.org.ILO : w.org.IOM}`,
  }),
  'GET /api/v1/fund/statements/projects/{requestId}': async (w) => ({
    path: `${V}/fund/statements/projects/${w.req.kenImpl}`,
  }),
  'GET /api/v1/open/iati/activities.xml': plain(`${V}/open/iati/activities.xml`),
  'GET /api/v1/open/iati/organisation.xml': plain(`${V}/open/iati/organisation.xml`),
  'GET /api/v1/knowledge/items': plain(`${V}/knowledge/items`),
  'POST /api/v1/knowledge/items': async () => ({
    path: `${V}/knowledge/items`,
    body: { kind: 'tool', title: 'Authz new item', summary: 'A new item from the matrix.', objectives: [3] },
  }),
  'GET /api/v1/knowledge/items/{id}': onItem(),
  'PATCH /api/v1/knowledge/items/{id}': async (w, t, c) => {
    const r =
      t === 'published' ? { path: `${V}/knowledge/items/${w.knowledge.published}` } : await onItem()(w, t, c, false);
    const id = r.path.split('/').pop()!;
    return { ...r, headers: { 'if-match': await version(w, 'knowledge_item', id) }, body: { tags: ['matrix'] } };
  },
  'POST /api/v1/knowledge/items/{id}/actions/{action}': async (w, t, _c, fresh) => {
    let id: string;
    let action: string;
    if (t === 'publish') {
      id = fresh ? await w.fresh.knowledge(w.users.po, true) : w.knowledge.iomDraft;
      action = 'publish';
    } else {
      id = scoped(t) ? w.knowledge.hubDraft : fresh ? await w.fresh.knowledge(w.users.po) : w.knowledge.iomDraft;
      action = 'submit_for_review';
    }
    return {
      path: `${V}/knowledge/items/${id}/actions/${action}`,
      headers: { 'if-match': await version(w, 'knowledge_item', id) },
      body: action === 'publish' ? { conflictOfInterest: false } : {},
      secret: scoped(t) ? w.titles[id] : undefined,
    };
  },
  'GET /api/v1/knowledge/items/{id}/reviews': onItem('/reviews'),
  'POST /api/v1/knowledge/items/{id}/reviews': async (w, _t, _c, fresh) => ({
    path: `${V}/knowledge/items/${fresh ? await w.fresh.knowledge(w.users.po, true) : w.knowledge.iomDraft}/reviews`,
    body: { conflictOfInterest: false },
  }),
  'GET /api/v1/knowledge/items/{id}/personal-data': onItem('/personal-data'),
  'POST /api/v1/knowledge/items/{id}/personal-data/{findingId}/override': async (w) => {
    // every cell on an item of its own with an open finding (IOM's, so the hub officer and the admin are not its author)
    const id = await w.fresh.knowledge(w.users.po, true, undefined, 'Contact: Mr Kwame Mensah, passport P4829173.');
    const [finding] = await w.sys.app.get(PrivacyService).list({ type: 'knowledge_item', id });
    return {
      path: `${V}/knowledge/items/${id}/personal-data/${finding.id}/override`,
      body: { reason: 'Named in the ministry press release; not a migrant' },
    };
  },
  'GET /api/v1/knowledge/items/{id}/versions': onItem('/versions'),
  'GET /api/v1/knowledge/items/{id}/diff': async (w, t, c) => ({
    ...(await onItem('/diff')(w, t, c, false)),
    query: { from: 1, to: 2 },
  }),
  'GET /api/v1/knowledge/items/{id}/versions/{version}': onItem('/versions/1'),
  'POST /api/v1/knowledge/imports': async () => ({
    path: `${V}/knowledge/imports`,
    body: {
      format: 'json',
      source: 'authz-matrix',
      records: [
        {
          sourceId: `r-${randomBytes(3).toString('hex')}`,
          kind: 'evidence',
          title: 'Imported evidence',
          summary: 'An imported record.',
          objectives: [1],
          countries: ['KEN'],
        },
      ],
    },
  }),
  'GET /api/v1/open/knowledge': plain(`${V}/open/knowledge`),
  'GET /api/v1/open/knowledge.csv': plain(`${V}/open/knowledge.csv`),
  'GET /api/v1/open/knowledge.jsonl': plain(`${V}/open/knowledge.jsonl`),
  'GET /api/v1/open/knowledge/{id}': async (w, t) => ({
    path: `${V}/open/knowledge/${scoped(t) ? w.knowledge.hubDraft : w.knowledge.published}`,
    secret: scoped(t) ? w.titles[w.knowledge.hubDraft] : undefined,
  }),
  'GET /api/v1/open/catalog.jsonld': plain(`${V}/open/catalog.jsonld`),
  'GET /api/v1/dashboard/mechanism': plain(`${V}/dashboard/mechanism`),
  'GET /api/v1/open/mechanism.json': plain(`${V}/open/mechanism.json`),
  'GET /api/v1/open/mechanism.csv': plain(`${V}/open/mechanism.csv`),
};

interface Cell {
  op: string;
  target: string;
  col: Column;
  expected: number;
}

interface Finding {
  cell: string;
  kind: 'unexpected status' | 'leak: body' | 'leak: rows changed' | 'not problem+json';
  detail: string;
}

describe('authorisation matrix', () => {
  let w: World;
  let checksum: TableChecksum;
  let operations: { key: string; access?: unknown }[] = [];
  const findings: Finding[] = [];
  let cellsChecked = 0;
  let listChecks = 0;
  const started = Date.now();

  let sys: TestSystem | undefined;

  beforeAll(async () => {
    sys = await startTestSystem();
    w = await buildWorld(sys);
    await meetingWithPack(w); // the committee's meeting, made with the world (its notifications too)
    await documents(w);
    await answered(w);
    operations = readOperations((await sys.http().get('/api/docs-json')).body);
    checksum = new TableChecksum(sys.app.get(Database).dataSource);
    await checksum.init();
  }, 120_000);

  afterAll(async () => {
    const unexpected = findings.filter((f) => f.kind === 'unexpected status').length;
    const leaks = findings.filter((f) => f.kind.startsWith('leak')).length;
    console.log(
      `authorisation matrix: ${cellsChecked} cells and ${listChecks} list checks in ${((Date.now() - started) / 1000).toFixed(1)} s; leaks found: ${leaks}; unexpected statuses: ${unexpected}` +
        (findings.length ? `\n${findings.map((f) => `  ${f.kind}: ${f.cell} ${f.detail}`).join('\n')}` : ''),
    );
    await sys?.close();
  });

  it('covers every operation of the OpenAPI document, each with an access declaration', () => {
    const keys = new Set(MATRIX.map((r) => r[0]));
    const undeclared = operations.filter((o) => !o.access).map((o) => o.key);
    expect(undeclared).toEqual([]);
    expect(operations.map((o) => o.key).filter((k) => !keys.has(k))).toEqual([]);
    expect([...keys].filter((k) => !operations.some((o) => o.key === k))).toEqual([]);
    expect(Object.keys(BUILDERS).sort()).toEqual([...keys].sort());
  });

  async function send(cell: Cell, req: Req) {
    const [method, ...rest] = cell.op.split(' ');
    void rest;
    let r = w.sys.http()[method.toLowerCase() as 'get'](req.path);
    if (cell.col !== 'anon') r = r.set(bearer(w.users[cell.col]));
    for (const [k, v] of Object.entries(req.headers ?? {})) r = r.set(k, v);
    if (req.query) r = r.query(req.query);
    if (req.file) return r.attach('file', req.file.bytes, req.file.name);
    return method === 'GET' || method === 'DELETE' ? r : r.send((req.body ?? {}) as object);
  }

  async function settle() {
    // jobs started by the fixtures (notifications, projections) must be done before refusals are compared
    let last = '';
    for (let i = 0; i < 50; i++) {
      const now = JSON.stringify(await checksum.take());
      if (now === last) return;
      last = now;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function run(cell: Cell, compareRows: boolean) {
    const name = `${cell.op} [${cell.target || '-'}] as ${cell.col}`;
    const req = await BUILDERS[cell.op](w, cell.target, cell.col, cell.expected < 300);
    const before = compareRows ? await checksum.take() : null;
    const res = await send(cell, req);
    cellsChecked++;
    if (res.status !== cell.expected)
      findings.push({
        cell: name,
        kind: 'unexpected status',
        detail: `expected ${cell.expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
      });
    if (res.status >= 400) {
      if (!String(res.headers['content-type']).startsWith('application/problem+json'))
        findings.push({ cell: name, kind: 'not problem+json', detail: String(res.headers['content-type']) });
      if (req.secret && (res.text ?? '').includes(req.secret))
        findings.push({ cell: name, kind: 'leak: body', detail: `the answer carries "${req.secret}"` });
    }
    if (before && res.status >= 400) {
      const changed = TableChecksum.changed(before, await checksum.take());
      if (changed.length) findings.push({ cell: name, kind: 'leak: rows changed', detail: changed.join(', ') });
    }
  }

  const cells = (): Cell[] =>
    MATRIX.flatMap(([op, target, ...expected]) =>
      COLUMNS.map((col, i) => ({ op, target, col, expected: expected[i] })).filter(
        (c): c is Cell => c.expected !== '-',
      ),
    );

  it('answers every refused cell as the table says, without a row changed or the object in the answer', async () => {
    const from = findings.length;
    await settle();
    // the checksum sees a one-column change (else "no row changed" would prove nothing)
    const before = await checksum.take();
    await w.sys.app
      .get(NotificationService)
      .markRead(
        w.helpers.sc2.id,
        (
          await w.sys.app
            .get(Database)
            .manager.query(`SELECT id FROM notification WHERE user_id = $1`, [w.helpers.sc2.id])
        )[0].id,
      );
    expect(TableChecksum.changed(before, await checksum.take())).toEqual(['notification']);
    for (const cell of cells().filter((c) => c.expected >= 300)) await run(cell, !cell.op.startsWith('GET '));
    expect(findings.slice(from)).toEqual([]);
  }, 120_000);

  // before the allowed cells, which add rows (requests, items) that would crowd the similar lists
  it('lists nothing outside the caller scope', async () => {
    const get = async (col: Exclude<Column, 'anon'>, path: string, query: Record<string, string> = {}) => {
      const res = await w.sys
        .http()
        .get(`${V}${path}`)
        .query({ limit: '100', ...query })
        .set(bearer(w.users[col]));
      expect(res.status).toBe(200);
      listChecks++;
      return (Array.isArray(res.body) ? res.body : res.body.items) as Record<string, unknown>[];
    };
    const bad: string[] = [];
    const check = (what: string, ok: boolean) => {
      if (!ok) bad.push(what);
    };

    // requests: KEN only for the KEN focal point, IOM's for IOM, no drafts for staff, none for donors
    const fp = await get('fp', '/requests');
    check('fp sees only KEN requests', fp.length > 0 && fp.every((r) => r.countryCode === 'KEN'));
    const po = await get('po', '/requests');
    check(
      'IOM sees no MEX request led by ILO',
      po.length > 0 && !po.some((r) => r.id === w.req.mexImpl || r.id === w.req.mexSubmitted),
    );
    for (const col of ['hub', 'fm', 'sc', 'admin'] as const)
      check(
        `${col} sees no draft`,
        (await get(col, '/requests')).every((r) => r.status !== 'draft'),
      );
    check('donor sees no request', (await get('donor', '/requests')).length === 0);
    // a filter cannot widen the scope
    check('fp cannot filter into MEX', (await get('fp', '/requests', { countryCode: 'MEX' })).length === 0);

    // invitations: IOM's only, even when asking for ILO's
    const inv = await get('po', '/invitations');
    check('IOM lists only IOM invitations', inv.length > 0 && inv.every((i) => i.organisationId === w.org.IOM));
    check(
      'IOM cannot ask for ILO invitations',
      (await get('po', '/invitations', { organisationId: w.org.ILO })).every((i) => i.organisationId === w.org.IOM),
    );

    // contributions: SWE's only for the SWE donor
    const contributions = await get('donor', '/fund/contributions');
    check(
      'donor lists only their own contributions',
      contributions.length > 0 && contributions.every((c) => c.contributorId === w.org.SWE),
    );

    // notifications: the caller's own
    for (const col of ['fp', 'hub', 'po', 'fm', 'sc', 'donor', 'admin'] as const) {
      const mine = await get(col, '/notifications');
      check(
        `${col} lists only their notifications`,
        mine.some((n) => n.id === w.notification[col]) &&
          mine.every(
            (n) =>
              (n.userId ?? w.users[col].id) === w.users[col].id &&
              !String(n.title).startsWith('For a helper') &&
              (n.title === `For ${col}` || n.kind !== 'authz.test'),
          ),
      );
    }

    // knowledge back office: IOM sees its drafts and published items, not a hub officer's draft
    const items = await get('po', '/knowledge/items');
    check(
      'IOM lists no hub draft',
      items.length > 0 &&
        !items.some((k) => k.id === w.knowledge.hubDraft) &&
        items.every(
          (k) =>
            k.status === 'published' ||
            k.organisationId === w.org.IOM ||
            k.createdById === w.users.po.id ||
            (Array.isArray(k.organisations) && (k.organisations as string[]).includes(w.org.IOM)),
        ),
    );
    // open data: never a draft
    const open = await w.sys.http().get(`${V}/open/knowledge`).query({ limit: 100 });
    listChecks++;
    check(
      'open data lists no draft',
      !open.text.includes(w.titles[w.knowledge.hubDraft]) && !open.text.includes(w.titles[w.knowledge.iomDraft]),
    );
    const csv = await w.sys.http().get(`${V}/open/knowledge.csv`);
    listChecks++;
    check('open CSV has no draft', !csv.text.includes(w.titles[w.knowledge.hubDraft]));
    const search = await w.sys.http().get(`${V}/open/knowledge`).query({ q: 'unpublished lessons' });
    listChecks++;
    check('open search finds no draft', search.status === 200 && !search.text.includes(w.knowledge.hubDraft));

    // inside a request in scope: internal notes for UN staff only; pending invitations not for the country
    for (const col of ['fp', 'po', 'fm', 'sc', 'hub', 'admin'] as const) {
      const timeline = await get(col, `/requests/${w.req.kenImpl}/timeline`);
      const sees = JSON.stringify(timeline).includes(INTERNAL_NOTE);
      check(
        `${col} ${col === 'hub' || col === 'admin' ? 'reads' : 'does not read'} the internal note`,
        sees === (col === 'hub' || col === 'admin'),
      );
    }
    const partners = await get('fp', `/requests/${w.req.kenMatch}/partners`);
    check(
      'fp sees no pending invitation',
      partners.every((p) => p.status === 'accepted'),
    );
    // similar requests: other countries' requests are for UN staff only
    const similar = async (col: 'fp' | 'po' | 'fm' | 'hub') => {
      const res = await w.sys.http().get(`${V}/requests/${w.req.kenImpl}/similar`).set(bearer(w.users[col]));
      listChecks++;
      return (res.body.items ?? []) as Record<string, unknown>[];
    };
    check(
      'hub is shown another country request as similar (so the next checks are not vacuous)',
      (await similar('hub')).some((i) => i.source === 'request' && i.countryCode !== 'KEN'),
    );
    check(
      'fp is shown no other country request as similar',
      (await similar('fp')).every((i) => i.source !== 'request' || i.countryCode === 'KEN'),
    );
    for (const col of ['po', 'fm'] as const)
      check(
        `${col} is shown no request as similar`,
        (await similar(col)).every((i) => i.source !== 'request'),
      );

    for (const b of bad) findings.push({ cell: 'lists', kind: 'leak: body', detail: b });
    expect(bad).toEqual([]);
  }, 60_000);

  it('answers every allowed cell as the table says', async () => {
    const from = findings.length;
    for (const cell of cells().filter((c) => c.expected < 300)) await run(cell, false);
    expect(findings.slice(from)).toEqual([]);
  }, 120_000);
});
