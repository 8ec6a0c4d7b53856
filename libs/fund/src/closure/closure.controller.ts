import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CurrentActor } from '@cbm/core';
import { IdempotencyService } from '../idempotency/idempotency.service';
import {
  FinancialStatementView,
  ProjectClosureView,
  ProjectStepDto,
  RecordUnspentReturnDto,
  SubmitFinancialStatementDto,
  UnspentReturnView,
} from './closure.dto';
import { ClosureService } from './closure.service';

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: true,
  description: 'same key and body → the first answer; same key, other body → 422',
};

/** Returns of unspent funds, final financial statements, and the project's suspension, cancellation and closure. */
@ApiTags('fund')
@ApiProblems(400, 404)
@Controller('fund/allocations/:id')
export class ClosureController {
  constructor(
    private readonly closure: ClosureService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get('closure')
  @Access('fund_manager', 'steering_committee', 'hub_officer', 'admin')
  @ApiOperation({ summary: "The project's stage, each organisation's reconciliation and the returns of unspent funds" })
  @ApiOkResponse({ type: ProjectClosureView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectClosureView> {
    return this.closure.closure(actor, id);
  }

  @Post('returns')
  @Access('fund_manager')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary:
      'Record a return of unspent funds from an implementing organisation (Cr transfer, Dr allocation), up to what it holds unspent',
  })
  @ApiCreatedResponse({ type: UnspentReturnView })
  @ApiProblems(409, 422)
  recordReturn(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordUnspentReturnDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<UnspentReturnView> {
    return this.idempotency.run(actor, `return:${id}`, key, body, (tx) =>
      this.closure.recordReturn(tx, actor, id, body),
    );
  }

  @Post('financial-statements')
  @Access('partner_officer')
  @ApiOperation({
    summary: "Submit (or replace, until accepted) the caller's organisation's final financial statement",
  })
  @ApiCreatedResponse({ type: FinancialStatementView })
  @ApiProblems(409)
  submitStatement(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitFinancialStatementDto,
  ): Promise<FinancialStatementView> {
    return this.closure.submitStatement(actor, id, body);
  }

  @Post('suspend')
  @Access('fund_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend the project: no transfer or tranche release until resumed; proposes cancellation' })
  @ApiOkResponse({ type: ProjectClosureView })
  @ApiProblems(409)
  suspend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ProjectStepDto) {
    return this.closure.act(actor, id, 'suspend', body);
  }

  @Post('resume')
  @Access('fund_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a suspended project' })
  @ApiOkResponse({ type: ProjectClosureView })
  @ApiProblems(409)
  resume(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ProjectStepDto) {
    return this.closure.act(actor, id, 'resume', body);
  }

  @Post('cancel')
  @Access('steering_committee')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a suspended project (a steering-committee member): what was not transferred goes back to source',
  })
  @ApiOkResponse({ type: ProjectClosureView })
  @ApiProblems(403, 409)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ProjectStepDto) {
    return this.closure.act(actor, id, 'cancel', body);
  }

  @Post('operational-closure')
  @Access('fund_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Operational closure, once the hub accepted the final report' })
  @ApiOkResponse({ type: ProjectClosureView })
  @ApiProblems(409, 422)
  closeOperationally(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProjectStepDto,
  ): Promise<ProjectClosureView> {
    return this.closure.act(actor, id, 'close_operationally', body);
  }

  @Post('financial-closure')
  @Access('fund_manager')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Financial closure: accepts the final financial statements once every transfer is reconciled, and releases the balance to source',
  })
  @ApiOkResponse({ type: ProjectClosureView })
  @ApiProblems(409, 422)
  closeFinancially(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProjectStepDto,
  ): Promise<ProjectClosureView> {
    return this.closure.act(actor, id, 'close_financially', body);
  }
}
