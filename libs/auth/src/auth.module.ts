import { Inject, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { ReferenceModule } from '@cbm/reference';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LocalStrategy } from './login/local.strategy';
import { LoginThrottleService } from './login/login-throttle.service';
import { JwtStrategy } from './token/jwt.strategy';
import { TokenService } from './token/token.service';
import { UserController } from './user/user.controller';
import { UserRepository } from './user/user.repository';
import { UserService } from './user/user.service';

@Module({
  imports: [
    PassportModule,
    ReferenceModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, UserController],
  providers: [AuthService, UserService, UserRepository, TokenService, LoginThrottleService, LocalStrategy, JwtStrategy, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [UserService, UserRepository],
})
export class AuthModule {
  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}
}
