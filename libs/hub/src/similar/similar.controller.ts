import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, ApiProblems, CurrentActor, SignedIn } from '@cbm/core';
import {
  CreateLinkDto,
  CreatePeerExchangeDto,
  PeerExchangeView,
  RequestLinkView,
  SimilarItemsView,
  UpdatePeerExchangeDto,
} from './dto/peer.dto';
import { PeerService } from './peer.service';
import { SimilarService } from './similar.service';

@ApiTags('requests')
@ApiProblems(400, 404)
@Controller('requests/:id')
export class SimilarController {
  constructor(
    private readonly similar: SimilarService,
    private readonly peers: PeerService,
  ) {}

  @Get('similar')
  @SignedIn()
  @ApiOperation({ summary: 'Knowledge items and earlier requests like this one, each with its reasons' })
  @ApiOkResponse({ type: SimilarItemsView })
  similarItems(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SimilarItemsView> {
    return this.similar.forRequest(actor, id);
  }

  @Post('links')
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Link a solution (knowledge item or earlier request) to the request, e.g. "replicated from"',
  })
  @ApiCreatedResponse({ type: RequestLinkView })
  @ApiProblems(409)
  link(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateLinkDto,
  ): Promise<RequestLinkView> {
    return this.peers.link(actor, id, body);
  }

  @Get('links')
  @SignedIn()
  @ApiOperation({ summary: 'Solutions linked to the request' })
  @ApiOkResponse({ type: [RequestLinkView] })
  links(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RequestLinkView[]> {
    return this.peers.links(actor, id);
  }

  @Post('peer-exchanges')
  @Access('hub_officer')
  @ApiOperation({ summary: "Connect the requesting country's focal points with a peer country's" })
  @ApiCreatedResponse({ type: PeerExchangeView })
  openExchange(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePeerExchangeDto,
  ): Promise<PeerExchangeView> {
    return this.peers.openExchange(actor, id, body);
  }

  @Patch('peer-exchanges/:exchangeId')
  @Access('hub_officer')
  @ApiOperation({ summary: 'Record that the exchange was held (with its outcome) or cancelled' })
  @ApiOkResponse({ type: PeerExchangeView })
  @ApiProblems(409)
  updateExchange(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('exchangeId', ParseUUIDPipe) exchangeId: string,
    @Body() body: UpdatePeerExchangeDto,
  ): Promise<PeerExchangeView> {
    return this.peers.updateExchange(actor, id, exchangeId, body);
  }

  @Get('peer-exchanges')
  @SignedIn()
  @ApiOperation({ summary: 'Peer exchanges of the request' })
  @ApiOkResponse({ type: [PeerExchangeView] })
  exchanges(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PeerExchangeView[]> {
    return this.peers.exchanges(actor, id);
  }
}
