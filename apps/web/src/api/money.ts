/*
 * The fund's money and results routes the screens of issue 14 use (pledges, deposits, expenditure,
 * returns, final statements, closure, report review, results). Kept apart from endpoints.ts so that
 * the two can grow without stepping on each other; same conventions: typed by the generated schema,
 * an Idempotency-Key on every POST that moves money (one key per user action, reused on retry).
 */
import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Contribution = S['ContributionView'];
export type PledgeInput = S['CreateContributionDto'];
export type DepositInput = S['CreateDepositDto'];
export type DepositRecorded = S['DepositRecordedView'];
export type ExpenditureInput = S['CreateExpenditureDto'];
export type ReturnInput = S['RecordUnspentReturnDto'];
export type StatementInput = S['SubmitFinancialStatementDto'];
export type ProjectClosure = S['ProjectClosureView'];
export type ProjectStep = S['ProjectStepDto'];
export type Report = S['ReportView'];
export type RequestResults = S['RequestResultsView'];
export type IndicatorProgress = S['IndicatorProgressView'];
export type FundProject = S['FundProjectView'];
export type ApplicationInput = S['CreateApplicationDto'];
export type CostCategory = S['CostCategory'];

export const pledge = (body: PledgeInput) => unwrap(client.POST('/api/v1/fund/contributions', { body }));

export const deposit = (contributionId: string, body: DepositInput, key: string) =>
  unwrap(
    client.POST('/api/v1/fund/contributions/{id}/deposits', {
      params: { path: { id: contributionId }, header: { 'Idempotency-Key': key } },
      body,
    }),
  );

export const apply = (body: ApplicationInput) => unwrap(client.POST('/api/v1/fund/applications', { body }));

export const expenditure = (body: ExpenditureInput, key: string) =>
  unwrap(client.POST('/api/v1/fund/expenditures', { params: { header: { 'Idempotency-Key': key } }, body }));

export const recordReturn = (allocationId: string, body: ReturnInput, key: string) =>
  unwrap(
    client.POST('/api/v1/fund/allocations/{id}/returns', {
      params: { path: { id: allocationId }, header: { 'Idempotency-Key': key } },
      body,
    }),
  );

export const submitStatement = (allocationId: string, body: StatementInput) =>
  unwrap(
    client.POST('/api/v1/fund/allocations/{id}/financial-statements', { params: { path: { id: allocationId } }, body }),
  );

export const closure = (allocationId: string) =>
  unwrap(client.GET('/api/v1/fund/allocations/{id}/closure', { params: { path: { id: allocationId } } }));

export type ClosureStep = 'operational-closure' | 'financial-closure' | 'suspend' | 'resume';
export const closeStep = (allocationId: string, step: ClosureStep, body: ProjectStep) => {
  const params = { path: { id: allocationId } };
  switch (step) {
    case 'operational-closure':
      return unwrap(client.POST('/api/v1/fund/allocations/{id}/operational-closure', { params, body }));
    case 'financial-closure':
      return unwrap(client.POST('/api/v1/fund/allocations/{id}/financial-closure', { params, body }));
    case 'suspend':
      return unwrap(client.POST('/api/v1/fund/allocations/{id}/suspend', { params, body }));
    case 'resume':
      return unwrap(client.POST('/api/v1/fund/allocations/{id}/resume', { params, body }));
  }
};

export const requestReports = (requestId: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/reports', { params: { path: { id: requestId } } }));

export const reviewReport = (requestId: string, reportId: string, decision: 'accept' | 'return', reason: string) => {
  const params = { path: { id: requestId, reportId } };
  return decision === 'accept'
    ? unwrap(client.POST('/api/v1/requests/{id}/reports/{reportId}/accept', { params, body: { reason } }))
    : unwrap(client.POST('/api/v1/requests/{id}/reports/{reportId}/return', { params, body: { reason } }));
};

export const results = (requestId: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/results', { params: { path: { id: requestId } } }));

/** Revalidated on every read: the route is publicly cacheable for 30 s, and a partner who just reported
 *  expenditure should see it counted. */
export const projects = () =>
  unwrap(client.GET('/api/v1/fund/projects', { params: { query: { limit: 100 } }, cache: 'no-cache' }));
