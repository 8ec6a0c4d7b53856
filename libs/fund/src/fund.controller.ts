import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify';
import {
  Access,
  Actor,
  ApiFileResponse,
  ApiProblems,
  CurrentActor,
  Page,
  PageOf,
  pageOf,
  PageQueryDto,
  Public,
  decodeIdCursor,
} from '@cbm/core';
import { AllocationService } from './allocation/allocation.service';
import { RevisionService } from './allocation/revision.service';
import { ContributionService } from './contribution/contribution.service';
import {
  AsOfQueryDto,
  CreateApplicationDto,
  CreateContributionDto,
  CreateDepositDto,
  CreateExpenditureDto,
  CreateRefundDto,
  CreateTransferDto,
  DecideAllocationDto,
  MarkerPageQueryDto,
  MarkerQueryDto,
  ProposeAllocationDto,
  ProposeRevisionDto,
  RecuseDto,
  ReleaseTrancheDto,
  ReverseEntryDto,
} from './fund.dto';
import { MarkerFilter, MARKERS } from './fund.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { STATEMENT_HASH_HEADER } from './reporting/statement';
import { LedgerRepository } from './ledger/ledger.repository';
import { IatiService } from './reporting/iati.service';
import { ReportingService } from './reporting/reporting.service';
import { ResultsService } from './reporting/results.service';
import { FundResultsView, ResultsQueryDto } from './reporting/results.view';
import { TransferService } from './transfer/transfer.service';
import {
  AllocationView,
  ApplicationView,
  ContributionDetailView,
  ContributionView,
  DecisionView,
  DepositRecordedView,
  DonorStatementView,
  ExpenditureView,
  FundProjectView,
  FundSummaryView,
  OrganisationStatementView,
  ProjectStatementView,
  ReconciliationView,
  RefundRecordedView,
  ReversalView,
  RevisionView,
  TracingView,
  TransferView,
} from './fund.view';

/** The markers asked for, without the keys not given. */
const markerFilter = (q: MarkerQueryDto): MarkerFilter =>
  Object.fromEntries(MARKERS.flatMap((m) => (q[m] === undefined ? [] : [[m, q[m]]])));

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: true,
  description: 'same key and body → the first answer; same key, other body → 422',
};

@ApiTags('fund')
@ApiProblems(400)
@Controller()
export class FundController {
  constructor(
    private readonly contributions: ContributionService,
    private readonly allocations: AllocationService,
    private readonly revisions: RevisionService,
    private readonly transfers: TransferService,
    private readonly reporting: ReportingService,
    private readonly iati: IatiService,
    private readonly idempotency: IdempotencyService,
    private readonly ledger: LedgerRepository,
    private readonly resultsService: ResultsService,
  ) {}

  @Post('fund/contributions')
  @Access('fund_manager')
  @ApiOperation({ summary: 'Record a pledge' })
  @ApiCreatedResponse({ type: ContributionView })
  @ApiProblems(404)
  pledge(@CurrentActor() actor: Actor, @Body() body: CreateContributionDto): Promise<ContributionView> {
    return this.contributions.pledge(actor, body);
  }

  @Get('fund/contributions')
  @Access('fund_manager', 'steering_committee', 'admin', 'donor')
  @ApiOperation({ summary: "Contributions (a donor sees its organisation's)" })
  @ApiOkResponse({ type: PageOf(ContributionView) })
  async listContributions(@CurrentActor() actor: Actor, @Query() q: PageQueryDto): Promise<Page<ContributionView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.contributions.list(actor, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get('fund/contributions/:id')
  @Access('fund_manager', 'steering_committee', 'admin', 'donor')
  @ApiOperation({ summary: 'One contribution with its deposits' })
  @ApiOkResponse({ type: ContributionDetailView })
  @ApiProblems(404)
  getContribution(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ContributionDetailView> {
    return this.contributions.get(actor, id);
  }

  @Post('fund/contributions/:id/deposits')
  @Access('fund_manager')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Record a deposit against a pledge; the admin-agent fee is booked with it' })
  @ApiCreatedResponse({ type: DepositRecordedView })
  @ApiProblems(404, 409, 422)
  deposit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateDepositDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<DepositRecordedView> {
    return this.idempotency.run(actor, `deposit:${id}`, key, body, (tx) =>
      this.contributions.deposit(tx, actor, id, body),
    );
  }

  @Post('fund/contributions/:id/refunds')
  @Access('fund_manager')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Refund part of a contribution to its donor' })
  @ApiCreatedResponse({ type: RefundRecordedView })
  @ApiProblems(404, 409, 422)
  refund(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateRefundDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<RefundRecordedView> {
    return this.idempotency.run(actor, `refund:${id}`, key, body, (tx) =>
      this.contributions.refund(tx, actor, id, body),
    );
  }

  @Get('fund/contributions/:id/tracing')
  @Access('fund_manager', 'steering_committee', 'admin', 'donor')
  @ApiOperation({
    summary:
      'Where the contribution went (projects, countries, organisations), as of a past day or instant (now without asOf); reproducible, with its SHA-256',
  })
  @ApiOkResponse({
    type: TracingView,
    headers: {
      'X-Content-SHA256': {
        description: "SHA-256 (hex) of the statement's canonical JSON without its sha256 field (the body's sha256)",
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems(404)
  async tracing(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: AsOfQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TracingView> {
    const t = await this.reporting.tracing(actor, id, q.asOf);
    void reply.header(STATEMENT_HASH_HEADER, t.sha256);
    return t;
  }

  @Post('fund/applications')
  @Access('hub_officer')
  @ApiOperation({ summary: 'File a funding application for a request in set-up' })
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblems(404, 409)
  apply(@CurrentActor() actor: Actor, @Body() body: CreateApplicationDto): Promise<ApplicationView> {
    return this.allocations.apply(actor, body);
  }

  @Get('fund/applications')
  @Access('fund_manager', 'steering_committee', 'hub_officer', 'admin')
  @ApiOperation({ summary: 'Funding applications (one page: nextCursor is always null)' })
  @ApiOkResponse({ type: PageOf(ApplicationView) })
  async applications(): Promise<Page<ApplicationView>> {
    return { items: await this.allocations.listApplications(), nextCursor: null };
  }

  @Post('fund/allocations')
  @Access('fund_manager')
  @ApiOperation({ summary: 'Propose an allocation with its tranches' })
  @ApiCreatedResponse({ type: AllocationView })
  @ApiProblems(404, 409, 422)
  propose(@CurrentActor() actor: Actor, @Body() body: ProposeAllocationDto): Promise<AllocationView> {
    return this.allocations.propose(actor, body);
  }

  @Get('fund/allocations')
  @Access('fund_manager', 'steering_committee', 'hub_officer', 'admin')
  @ApiOperation({ summary: 'Allocations (one page: nextCursor is always null)' })
  @ApiOkResponse({ type: PageOf(AllocationView) })
  async listAllocations(@Query() q: MarkerQueryDto): Promise<Page<AllocationView>> {
    return { items: await this.allocations.list(markerFilter(q)), nextCursor: null };
  }

  @Get('fund/allocations/:id')
  @Access('fund_manager', 'steering_committee', 'hub_officer', 'admin')
  @ApiOperation({ summary: 'One allocation with its tranches and figures' })
  @ApiOkResponse({ type: AllocationView })
  @ApiProblems(404)
  getAllocation(@Param('id', ParseUUIDPipe) id: string): Promise<AllocationView> {
    return this.allocations.get(id);
  }

  @Post('fund/allocations/:id/approve')
  @Access('steering_committee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a proposed allocation (not its proposer); tranches on_approval are released' })
  @ApiOkResponse({ type: AllocationView })
  @ApiProblems(404, 409, 422)
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideAllocationDto,
  ): Promise<AllocationView> {
    return this.allocations.approve(actor, id, body);
  }

  @Post('fund/allocations/:id/reject')
  @Access('steering_committee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a proposed allocation' })
  @ApiOkResponse({ type: AllocationView })
  @ApiProblems(404, 409)
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideAllocationDto,
  ): Promise<AllocationView> {
    return this.allocations.reject(actor, id, body);
  }

  @Post('fund/allocations/:id/recuse')
  @Access('steering_committee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recuse yourself from deciding an allocation (a conflict of interest)' })
  @ApiOkResponse({ type: AllocationView })
  @ApiProblems(404, 409)
  recuse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecuseDto,
  ): Promise<AllocationView> {
    return this.allocations.recuse(actor, id, body);
  }

  @Post('fund/allocations/:id/tranches/:seq/release')
  @Access('fund_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a later tranche once its condition is met' })
  @ApiOkResponse({ type: AllocationView })
  @ApiProblems(404, 409, 422)
  release(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() body: ReleaseTrancheDto,
  ): Promise<AllocationView> {
    return this.allocations.releaseTranche(actor, id, seq, body);
  }

  @Post('fund/allocations/:id/revisions')
  @Access('fund_manager')
  @ApiOperation({
    summary:
      "Propose a revision of an approved allocation's plan: a no-cost extension (endsOn) or a budget revision " +
      '(budget lines, the schedule of the unreleased tranches, a top-up); one open at a time',
  })
  @ApiCreatedResponse({ type: RevisionView })
  @ApiProblems(404, 409, 422)
  proposeRevision(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProposeRevisionDto,
  ): Promise<RevisionView> {
    return this.revisions.propose(actor, id, body);
  }

  @Get('fund/allocations/:id/revisions')
  @Access('fund_manager', 'steering_committee', 'hub_officer', 'admin')
  @ApiOperation({
    summary: "The revisions of the allocation's plan, oldest first, each with the plan before and after (one page)",
  })
  @ApiOkResponse({ type: PageOf(RevisionView) })
  @ApiProblems(404)
  async listRevisions(@Param('id', ParseUUIDPipe) id: string): Promise<Page<RevisionView>> {
    return { items: await this.revisions.history(id), nextCursor: null };
  }

  @Post('fund/allocations/:id/revisions/:n/approve')
  @Access('steering_committee')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a revision (not its proposer): the plan is replaced; a top-up is drawn from cash',
  })
  @ApiOkResponse({ type: RevisionView })
  @ApiProblems(404, 409, 422)
  approveRevision(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('n', ParseIntPipe) n: number,
    @Body() body: DecideAllocationDto,
  ): Promise<RevisionView> {
    return this.revisions.approve(actor, id, n, body);
  }

  @Post('fund/allocations/:id/revisions/:n/reject')
  @Access('steering_committee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a revision (not its proposer): the plan stays as it is' })
  @ApiOkResponse({ type: RevisionView })
  @ApiProblems(404, 409)
  rejectRevision(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('n', ParseIntPipe) n: number,
    @Body() body: DecideAllocationDto,
  ): Promise<RevisionView> {
    return this.revisions.reject(actor, id, n, body);
  }

  @Get('fund/decisions')
  @Access('fund_manager', 'steering_committee', 'admin')
  @ApiOperation({
    summary:
      'The decision register: approvals, rejections, recusals (of allocations and their revisions); suspensions, resumptions, cancellations, operational and financial closures',
  })
  @ApiOkResponse({ type: PageOf(DecisionView) })
  async decisions(@Query() q: PageQueryDto): Promise<Page<DecisionView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.allocations.decisions(after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Post('fund/transfers')
  @Access('fund_manager')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Transfer to an implementing organisation, up to the released tranches' })
  @ApiCreatedResponse({ type: TransferView })
  @ApiProblems(404, 409, 422)
  transfer(
    @CurrentActor() actor: Actor,
    @Body() body: CreateTransferDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<TransferView> {
    return this.idempotency.run(actor, 'transfer', key, body, (tx) => this.transfers.transfer(tx, actor, body));
  }

  @Post('fund/expenditures')
  @Access('partner_officer')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: "Report expenditure for a period (the caller's organisation)" })
  @ApiCreatedResponse({ type: ExpenditureView })
  @ApiProblems(403, 404, 409, 422)
  expenditure(
    @CurrentActor() actor: Actor,
    @Body() body: CreateExpenditureDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<ExpenditureView> {
    return this.idempotency.run(actor, 'expenditure', key, body, (tx) => this.transfers.expenditure(tx, actor, body));
  }

  @Post('fund/journal/:entryId/reverse')
  @Access('fund_manager')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Correct a deposit, refund, transfer or expenditure by a reversing entry' })
  @ApiCreatedResponse({ type: ReversalView })
  @ApiProblems(404, 409, 422)
  reverse(
    @CurrentActor() actor: Actor,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() body: ReverseEntryDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReversalView> {
    return this.idempotency.run(actor, `reverse:${entryId}`, key, body, (tx) =>
      this.transfers.reverse(tx, actor, entryId, body),
    );
  }

  @Get('fund/ledger/reconciliation')
  @Access('fund_manager', 'admin')
  @ApiOperation({ summary: 'Checks the balance table against the journal and that every entry balances' })
  @ApiOkResponse({ type: ReconciliationView })
  async reconcile(): Promise<ReconciliationView> {
    const r = await this.ledger.reconcile();
    const unbalancedEntries = await this.ledger.unbalancedEntries();
    return {
      ok: r.mismatches.length === 0 && unbalancedEntries.length === 0,
      checked: r.checked,
      mismatches: r.mismatches,
      unbalancedEntries,
    };
  }

  @Get('fund/summary')
  @Public()
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOperation({
    summary:
      'Gateway-like totals: deposits, allocations, transfers, expenditure, delivery rate, by donor, organisation, country, objective',
  })
  @ApiOkResponse({ type: FundSummaryView })
  summary(@Query() q: MarkerQueryDto): Promise<FundSummaryView> {
    // the summary is cached as computed (unknown to the compiler): FundSummaryView is its shape
    return this.reporting.summary(markerFilter(q)) as Promise<FundSummaryView>;
  }

  @Get('fund/projects')
  @Public()
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOperation({ summary: 'Funded projects: allocated, transferred, spent, delivery rate and burn-rate forecast' })
  @ApiOkResponse({ type: PageOf(FundProjectView) })
  async projects(@Query() q: MarkerPageQueryDto): Promise<Page<FundProjectView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.reporting.projects(after, limit + 1, markerFilter(q));
    return pageOf(rows, limit, (r) => [r.allocationId]);
  }

  @Get('fund/results')
  @Public()
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOperation({
    summary:
      "Funded projects' indicator targets and latest accepted actuals, grouped by GCM objective, country or organisation (figures only)",
  })
  @ApiOkResponse({ type: FundResultsView })
  results(@Query() q: ResultsQueryDto): Promise<FundResultsView> {
    return this.resultsService.rollUp(q.by ?? 'objective', {
      objective: q.objective,
      countryCode: q.countryCode,
      organisationId: q.organisationId,
    });
  }

  @Get('fund/statements/donors/:organisationId')
  @Access('fund_manager', 'steering_committee', 'admin', 'donor')
  @ApiOperation({
    summary:
      'Donor statement as of a past day or instant (now without asOf), JSON or CSV (Accept: text/csv, amounts in currency units); reproducible, with its SHA-256 (body and X-Content-SHA256)',
  })
  @ApiFileResponse('text/csv', 'The statement: JSON, or its lines as CSV with Accept: text/csv', DonorStatementView)
  @ApiProblems(404)
  async donorStatement(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Query() q: AsOfQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DonorStatementView | StreamableFile> {
    const s = await this.reporting.donorStatement(actor, organisationId, q.asOf);
    void reply.header(STATEMENT_HASH_HEADER, s.sha256);
    return wantsCsv(accept)
      ? csvFile(this.reporting.donorCsvRows(s.lines), DONOR_COLUMNS, `donor-${s.organisation.acronym}`)
      : s;
  }

  @Get('fund/statements/organisations/:organisationId')
  @Access('fund_manager', 'steering_committee', 'admin', 'hub_officer', 'partner_officer')
  @ApiOperation({ summary: "Implementing organisation's statement (a partner officer sees their own), JSON or CSV" })
  @ApiFileResponse(
    'text/csv',
    'The statement: JSON, or its lines as CSV with Accept: text/csv',
    OrganisationStatementView,
  )
  @ApiProblems(404)
  async organisationStatement(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Headers('accept') accept: string | undefined,
  ): Promise<OrganisationStatementView | StreamableFile> {
    const s = await this.reporting.organisationStatement(actor, organisationId);
    return wantsCsv(accept)
      ? csvFile(this.reporting.movementCsvRows(s.lines), MOVEMENT_COLUMNS, `organisation-${s.organisation.acronym}`)
      : s;
  }

  @Get('fund/statements/projects/:requestId')
  @Access('fund_manager', 'steering_committee', 'admin', 'hub_officer')
  @ApiOperation({ summary: 'Project statement (by request id), JSON or CSV' })
  @ApiFileResponse('text/csv', 'The statement: JSON, or its lines as CSV with Accept: text/csv', ProjectStatementView)
  @ApiProblems(404)
  async projectStatement(
    @CurrentActor() actor: Actor,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Headers('accept') accept: string | undefined,
  ): Promise<ProjectStatementView | StreamableFile> {
    const s = await this.reporting.projectStatement(actor, requestId);
    return wantsCsv(accept)
      ? csvFile(this.reporting.movementCsvRows(s.lines), MOVEMENT_COLUMNS, `project-${s.project.reference}`)
      : s;
  }

  @Get('open/iati/activities.xml')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Funded requests as IATI 2.03 activities' })
  @ApiFileResponse('application/xml', 'An iati-activities document (IATI 2.03)')
  async iatiActivities(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-type', 'application/xml; charset=utf-8');
    return this.iati.activitiesXml();
  }

  @Get('open/iati/organisation.xml')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The fund as an IATI 2.03 organisation: total budget and expenditure per year' })
  @ApiFileResponse('application/xml', 'An iati-organisations document (IATI 2.03)')
  async iatiOrganisation(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-type', 'application/xml; charset=utf-8');
    return this.iati.organisationXml();
  }
}

const MOVEMENT_COLUMNS = [
  'date',
  'requestId',
  'reference',
  'organisationId',
  'kind',
  'description',
  'amount',
  'currency',
  'entryId',
];
/** Amounts in currency units (`12345.67`), each with its currency. */
const DONOR_COLUMNS = ['date', 'contributionId', 'kind', 'reference', 'description', 'amount', 'currency', 'usdAmount'];
const wantsCsv = (accept?: string) => !!accept?.includes('text/csv');

/** CSV streamed row by row (csv-stringify's stream), as an attachment. */
function csvFile(rows: object[], columns: string[], name: string): StreamableFile {
  const stream = stringify({ header: true, columns, cast: { string: csvSafe } });
  for (const r of rows) stream.write(r);
  stream.end();
  return new StreamableFile(stream, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="statement-${name.replace(/[^A-Za-z0-9-]/g, '')}.csv"`,
  });
}

/** Spreadsheet formula injection: a cell starting with = + - @ is prefixed, unless it is a number. */
export function csvSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
}
