import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiProblems, CurrentActor, Public, SignedIn } from '@cbm/core';
import { LocalLoginGuard } from './access.guard';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { UserEntity } from './user/user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalLoginGuard)
  @ApiOperation({ summary: 'Sign in; throttled per account and per address' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 429)
  login(@Body() _body: LoginDto, @Req() req: { user: UserEntity }) {
    return this.auth.login(req.user);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token; a reused one revokes its family' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401)
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(400)
  async logout(@CurrentActor() actor: Actor, @Body() body: RefreshDto) {
    await this.auth.logout(actor, body.refreshToken);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }
}
