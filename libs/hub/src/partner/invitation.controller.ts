import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor, SignedIn } from '@cbm/core';
import { DeclineInvitationDto, InvitationQueryDto, InviteDto } from './dto/invitation.dto';
import { InvitationService } from './invitation.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller()
export class InvitationController {
  constructor(private readonly invitations: InvitationService) {}

  @Post('requests/:id/invitations')
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Invite an organisation as lead or participating; a new lead replaces the previous one before set-up',
  })
  invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: InviteDto) {
    return this.invitations.invite(actor, id, body);
  }

  @Get('requests/:id/partners')
  @SignedIn()
  @ApiOperation({ summary: 'Invitations and partners of a request' })
  partners(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.invitations.forRequest(actor, id);
  }

  @Get('invitations')
  @Access('partner_officer', 'hub_officer')
  @ApiOperation({ summary: "Invitations: a partner officer's organisation's, or any for hub officers" })
  list(@CurrentActor() actor: Actor, @Query() q: InvitationQueryDto) {
    return this.invitations.list(actor, q);
  }

  @Post('invitations/:id/accept')
  @Access('partner_officer')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.invitations.accept(actor, id);
  }

  @Post('invitations/:id/decline')
  @Access('partner_officer')
  @HttpCode(200)
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineInvitationDto) {
    return this.invitations.decline(actor, id, body.reason);
  }
}
