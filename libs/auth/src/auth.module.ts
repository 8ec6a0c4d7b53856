import { Module, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '@cbm/jobs';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { ReferenceModule } from '@cbm/reference';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthUnitOfWork } from './auth-unit-of-work';
import { LocalStrategy } from './login/local.strategy';
import { LoginThrottleRepository } from './login/login-throttle.repository';
import { CLIENT_ADDRESS_RETENTION_TASK, ClientAddressRetention } from './login/client-address-retention';
import { LoginThrottleService } from './login/login-throttle.service';
import { AccessTokenVerifier } from './token/access-token.verifier';
import { ActiveUserCache } from './token/active-user.cache';
import { RefreshTokenRepository } from './token/refresh-token.repository';
import { TokenService } from './token/token.service';
import { UserController } from './user/user.controller';
import { UserDirectory } from './user/user-directory';
import { UserRepository } from './user/user.repository';
import { UserService } from './user/user.service';

@Module({
  imports: [
    PassportModule,
    ReferenceModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UserController],
  providers: [
    ActiveUserCache,
    AuthUnitOfWork,
    AuthService,
    UserService,
    UserRepository,
    UserDirectory,
    RefreshTokenRepository,
    TokenService,
    LoginThrottleRepository,
    LoginThrottleService,
    ClientAddressRetention,
    LocalStrategy,
    AccessTokenVerifier,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [UserService, UserDirectory, ClientAddressRetention],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly throttle: LoginThrottleService,
    private readonly retention: ClientAddressRetention,
  ) {}

  onModuleInit(): void {
    this.scheduler.every('prune-login-throttle', 3600_000, (t) => this.throttle.prune(t));
    this.scheduler.every(CLIENT_ADDRESS_RETENTION_TASK, 3600_000, (t) => this.retention.run(t).then(() => undefined));
  }
}
