import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, Role } from './actor';

export const ACCESS_KEY = 'cbm:access';
export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: Role[] };

/** Every route declares who may call it; the guard refuses routes that declare nothing. */
// the rule also goes into the OpenAPI document as `x-access`, so clients and test generators can read it
export const Access = (...roles: Role[]) => applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule), ApiExtension('x-access', roles));
export const Public = () => applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule), ApiExtension('x-access', 'public'));
export const SignedIn = () => applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'signed_in' } satisfies AccessRule), ApiExtension('x-access', 'signed_in'));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  return req.user as Actor;
});

/** The signed-in actor if there is one (for public routes that show more to staff). */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
});
