import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor, SignedIn } from '@cbm/core';
import { CreateLinkDto, CreatePeerExchangeDto, UpdatePeerExchangeDto } from './dto/peer.dto';
import { PeerService } from './peer.service';
import { SimilarService } from './similar.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id')
export class SimilarController {
  constructor(
    private readonly similar: SimilarService,
    private readonly peers: PeerService,
  ) {}

  @Get('similar')
  @SignedIn()
  @ApiOperation({ summary: 'Knowledge items and earlier requests like this one, each with its reasons' })
  similarItems(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.similar.forRequest(actor, id);
  }

  @Post('links')
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Link a solution (knowledge item or earlier request) to the request, e.g. "replicated from"',
  })
  link(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateLinkDto) {
    return this.peers.link(actor, id, body);
  }

  @Get('links')
  @SignedIn()
  links(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.peers.links(actor, id);
  }

  @Post('peer-exchanges')
  @Access('hub_officer')
  @ApiOperation({ summary: "Connect the requesting country's focal points with a peer country's" })
  openExchange(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePeerExchangeDto,
  ) {
    return this.peers.openExchange(actor, id, body);
  }

  @Patch('peer-exchanges/:exchangeId')
  @Access('hub_officer')
  @ApiOperation({ summary: 'Record that the exchange was held (with its outcome) or cancelled' })
  updateExchange(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('exchangeId', ParseUUIDPipe) exchangeId: string,
    @Body() body: UpdatePeerExchangeDto,
  ) {
    return this.peers.updateExchange(actor, id, exchangeId, body);
  }

  @Get('peer-exchanges')
  @SignedIn()
  exchanges(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.peers.exchanges(actor, id);
  }
}
