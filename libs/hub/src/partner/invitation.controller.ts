import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CurrentActor, Page, PageOf, SignedIn } from '@cbm/core';
import { DeclineInvitationDto, InvitationQueryDto, InvitationView, InviteDto } from './dto/invitation.dto';
import { InvitationService } from './invitation.service';

@ApiTags('requests')
@ApiProblems(400, 404)
@Controller()
export class InvitationController {
  constructor(private readonly invitations: InvitationService) {}

  @Post('requests/:id/invitations')
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Invite an organisation as lead or participating; a new lead replaces the previous one before set-up',
  })
  @ApiCreatedResponse({ type: InvitationView })
  @ApiProblems(409)
  invite(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InviteDto,
  ): Promise<InvitationView> {
    return this.invitations.invite(actor, id, body);
  }

  @Get('requests/:id/partners')
  @SignedIn()
  @ApiOperation({ summary: 'Invitations and partners of a request' })
  @ApiOkResponse({ type: [InvitationView] })
  partners(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InvitationView[]> {
    return this.invitations.forRequest(actor, id);
  }

  @Get('invitations')
  @Access('partner_officer', 'hub_officer')
  @ApiOperation({ summary: "Invitations: a partner officer's organisation's, or any for hub officers" })
  @ApiOkResponse({ type: PageOf(InvitationView) })
  list(@CurrentActor() actor: Actor, @Query() q: InvitationQueryDto): Promise<Page<InvitationView>> {
    return this.invitations.list(actor, q);
  }

  @Post('invitations/:id/accept')
  @Access('partner_officer')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept an invitation for the caller's organisation" })
  @ApiOkResponse({ type: InvitationView })
  @ApiProblems(409)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InvitationView> {
    return this.invitations.accept(actor, id);
  }

  @Post('invitations/:id/decline')
  @Access('partner_officer')
  @HttpCode(200)
  @ApiOperation({ summary: "Decline an invitation for the caller's organisation, with the reason" })
  @ApiOkResponse({ type: InvitationView })
  @ApiProblems(409)
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeclineInvitationDto,
  ): Promise<InvitationView> {
    return this.invitations.decline(actor, id, body.reason);
  }
}
