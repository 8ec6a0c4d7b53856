import { LoginThrottleEntity } from './login/login-throttle.entity';
import { RefreshTokenEntity } from './token/refresh-token.entity';
import { UserEntity } from './user/user.entity';

export * from './auth.module';
export * from './auth.errors';
export * from './user/user.service';
export * from './user/user-directory';
export type { UserView } from './user/user.entity';
export * from './password';
export * from './login/client-address-retention';
export const AUTH_ENTITIES = [UserEntity, RefreshTokenEntity, LoginThrottleEntity];
