import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, Role } from './actor';

export const ACCESS_KEY = 'cbm:access';
export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: Role[] };

/** The rule for the guard, and the same rule in OpenAPI as `x-access` (read by the hostile-input and authorisation suites). */
function declare(rule: AccessRule) {
  return applyDecorators(SetMetadata(ACCESS_KEY, rule), ApiExtension('x-access', rule));
}

/** Every route declares who may call it; the guard refuses routes that declare nothing. */
export const Access = (...roles: Role[]) => declare({ kind: 'roles', roles });
export const Public = () => declare({ kind: 'public' });
export const SignedIn = () => declare({ kind: 'signed_in' });

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  return req.user as Actor;
});

/** The signed-in actor if there is one (for public routes that show more to staff). */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
});
