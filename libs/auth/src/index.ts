import { LoginThrottleEntity } from './login/login-throttle.entity';
import { RefreshTokenEntity } from './token/refresh-token.entity';
import { UserEntity } from './user/user.entity';

export * from './auth.module';
export * from './auth.errors';
export * from './user/user.service';
export * from './user/user-directory';
// only for libs/hub/src/request/support-request.service.ts and libs/notifications/src/notification.service.ts,
// which move to UserDirectory; then this export goes (eslint.config.mjs already forbids any other import of it)
export { UserRepository } from './user/user.repository';
export type { UserView } from './user/user.entity';
export * from './password';
export const AUTH_ENTITIES = [UserEntity, RefreshTokenEntity, LoginThrottleEntity];
